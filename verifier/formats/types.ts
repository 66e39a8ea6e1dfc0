// A row of the verifier's credential-format table: what the verifier does for one DCQL `format`.
import type { DcqlQueryParser, ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import type { Session } from '../../shared/store/verifier/index.ts'
import type { VerifierDeps } from '../deps.ts'

export interface VerifierFormat {
  /** The DCQL / OpenID4VP format identifier (`dc+sd-jwt`, `dc+jpt`). */
  format: string
  /** Its `vp_formats_supported` entry in the request object's client_metadata (OpenID4VP 1.0 §11.1). */
  vpFormat: Readonly<Record<string, unknown>>
  /** Presets of `POST /presentations` answered by this format: name → DCQL query for the preset vct. */
  presets: Readonly<Record<string, (vct: string) => Record<string, unknown>>>
  /** Parses a DCQL query asking for this format (`dcql_query_invalid`). */
  parseQuery: DcqlQueryParser
  /**
   * Verifies the vp_token of a session whose query asks for this format, `query` being that query as `parseQuery`
   * returned it; returns only the requested claims.
   */
  verify(deps: VerifierDeps, session: Session, vpToken: Record<string, string[]>, query: ParsedDcqlQuery): Promise<Record<string, unknown>>
}
