// The dc+jpt row of the verifier's format table: a BBS PID presentation (JWP) with the service's pseudonym. The
// issuer's BBS key from the trust list (JWT VC issuer metadata JWKS by kid), then shared/pid-bbs's checks.
import { EidError } from '../../shared/errors/index.ts'
import { bbsPublicKeyFromJwk, parsePresentedJwp } from '../../shared/jwp/index.ts'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import {
  JPT_FORMAT, PID_BBS_ALG, PSEUDONYMOUS_PRESET, parseJptDcqlQuery, pseudonymousAgePresetQuery, verifyPidBbsPresentation,
} from '../../shared/pid-bbs/index.ts'
import type { Session } from '../../shared/store/verifier/index.ts'
import type { VerifierDeps } from '../deps.ts'
import type { VerifierFormat } from './types.ts'

/**
 * For a session whose query is dc+jpt: one presentation for the one credential query (`vp_token_invalid`);
 * issuer `iss` trusted and `kid` published (`issuer_untrusted`, `issuer_key_unknown`), a BLS12381G2 key for
 * BBS-NYM (`jwp_key_invalid`); then proof, `aud` = client_id, session nonce, `iat`, pseudonym, type,
 * disclosure and expiry (verifyPidBbsPresentation). Result `{ ...claims, pseudonym }`.
 */
async function verifyBbsPresentations(
  deps: Pick<VerifierDeps, 'issuerKeys' | 'clientId' | 'pseudonymScope' | 'now' | 'config'>, session: Pick<Session, 'nonce'>, vpToken: Record<string, string[]>, query: ParsedDcqlQuery,
): Promise<Record<string, unknown>> {
  // the query as this row's parseQuery returned it (parseJptDcqlQuery)
  const cq = (query as unknown as ReturnType<typeof parseJptDcqlQuery>).credentials[0]
  const entries = Object.entries(vpToken)
  const [id, list] = entries[0] ?? []
  if (entries.length !== 1 || id !== cq.id) throw new EidError('vp_token_invalid', 'vp_token must answer exactly the one credential query')
  if (list?.length !== 1) throw new EidError('vp_token_invalid', `credential query ${cq.id} allows one presentation`)
  const token = list[0] as string
  const header = parsePresentedJwp(token).issuerHeader
  if (typeof header.iss !== 'string' || typeof header.kid !== 'string') throw new EidError('jwp_header_invalid', 'issuer header needs iss and kid')
  const jwk = await deps.issuerKeys.forIssuer(header.iss, { kid: header.kid })
  const publicKey = bbsPublicKeyFromJwk(jwk, PID_BBS_ALG)
  const v = verifyPidBbsPresentation(token, {
    publicKey: () => publicKey, clientId: deps.clientId, pseudonymScope: deps.pseudonymScope, nonce: session.nonce, now: deps.now(), skewSeconds: deps.config.skewSeconds, maxAgeSeconds: deps.config.sessionTtlSeconds, query: cq,
  })
  return { ...v.claims, pseudonym: v.pseudonym }
}

/** BBS PID in JWP: its own DCQL profile (one credential query), the pseudonymous age preset, BBS-NYM proofs. */
export const bbsJwpFormat: VerifierFormat = {
  format: JPT_FORMAT,
  vpFormat: { proof_alg_values: [PID_BBS_ALG] },
  presets: { [PSEUDONYMOUS_PRESET]: pseudonymousAgePresetQuery },
  // Its output has the DCQL shape the generic code reads (credentials[].id/format/meta/claims[].path).
  parseQuery: (input) => parseJptDcqlQuery(input) as unknown as ParsedDcqlQuery,
  verify: verifyBbsPresentations,
}
