// Verification of a vp_token against its session: dispatched by the session query's format (verifier/formats).
import type { Session } from '../../shared/store/verifier/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { parsedQueryOf } from '../formats/index.ts'

/**
 * Verifies `vpToken` with the format row of the session's query (parsed once per query text, see parsedQueryOf);
 * returns only the requested claims (and a pseudonym where asked).
 */
export async function verifyPresentations(deps: VerifierDeps, session: Session, vpToken: Record<string, string[]>): Promise<Record<string, unknown>> {
  const { row, query } = parsedQueryOf(session.dcqlQuery)
  return row.verify(deps, session, vpToken, query)
}
