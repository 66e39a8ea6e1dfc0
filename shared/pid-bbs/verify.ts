// Verifier side of a BBS PID presentation: JWP/BBS-NYM checks (shared/jwp), then this profile's: credential type,
// disclosed slots exactly the requested ones plus `exp`, expiry. Result: the requested claims and the pseudonym.
import { EidError } from '../errors/index.ts'
import { bbsNymAlgorithm, encodeBase64url, parsePresentedJwp, verifyPresentedJwp } from '../jwp/index.ts'
import type { IssuerHeader } from '../jwp/index.ts'
import { ALWAYS_DISCLOSED, PID_BBS_CLAIMS, PID_BBS_TYP } from './constants.ts'
import { jptValuesMatch, requestedJptClaims } from './dcql.ts'
import type { JptCredentialQuery } from './dcql.ts'

const NYM = bbsNymAlgorithm()

export interface VerifyPidBbsOptions {
  /** The issuer's BBS public key (96 octets) for this Issuer Header; throws when the issuer or key is not trusted. */
  publicKey: (issuerHeader: IssuerHeader) => Uint8Array
  /** This verifier's client_id: the required `aud`, and the pseudonym's context. */
  clientId: string
  /**
   * The service's pseudonym scope (its service_id): the presentation's `nym_ctx` must equal it
   * (`bbs_pseudonym_scope_mismatch`). Absent: the pseudonym is scoped to `clientId` (no `nym_ctx`).
   */
  pseudonymScope?: string
  /** The session nonce. */
  nonce: string
  now: number
  skewSeconds?: number
  /** Oldest accepted presentation `iat`, seconds before `now` (shared/jwp default 300). */
  maxAgeSeconds?: number
  query: JptCredentialQuery
}

export interface VerifiedPidBbs {
  /** Exactly the requested claims. */
  claims: Record<string, unknown>
  /** The verifier-specific pseudonym, base64url of the 48-octet compressed G1 point. */
  pseudonym: string
  /** `iss` of the Issuer Header. */
  issuer: string
}

/**
 * Verifies one presented BBS PID. Order: JWP form, `alg` BBS-NYM only, `typ` jpt, `aud` = clientId,
 * `nonce`, `iat` (shared/jwp codes); the BBS proof with the pseudonym bound to `aud`
 * (`bbs_pseudonym_proof_invalid`); the claims layout (`jpt_claims_invalid`); `vct` (`vct_mismatch`); disclosed
 * slots = requested ∪ {exp} (`over_disclosure` / `required_claim_missing`); `exp` (`credential_expired`).
 * The issuer key comes from `publicKey`, which decides trust (`issuer_untrusted`, `issuer_key_unknown`).
 */
export function verifyPidBbsPresentation(token: string, opts: VerifyPidBbsOptions): VerifiedPidBbs {
  // Cheap check before any curve arithmetic: the pseudonym must be scoped to this service.
  const scope = parsePresentedJwp(token).presentationHeader.nym_ctx ?? opts.clientId
  if (scope !== (opts.pseudonymScope ?? opts.clientId)) throw new EidError('bbs_pseudonym_scope_mismatch', 'the pseudonym is scoped to another service')
  const v = verifyPresentedJwp(token, {
    algorithms: [NYM], publicKey: opts.publicKey, audience: opts.clientId, nonce: opts.nonce, now: opts.now, typ: PID_BBS_TYP,
    ...(opts.skewSeconds !== undefined ? { skewSeconds: opts.skewSeconds } : {}),
    ...(opts.maxAgeSeconds !== undefined ? { maxAgeSeconds: opts.maxAgeSeconds } : {}),
  })
  const header = v.issuerHeader as IssuerHeader & { vct?: unknown }
  const names = header.claims ?? []
  if (names.length !== PID_BBS_CLAIMS.length || names.some((n, i) => n !== PID_BBS_CLAIMS[i])) {
    throw new EidError('jpt_claims_invalid', 'the issuer header claims list is not the BBS PID layout')
  }
  const vctValues = opts.query.meta.vct_values
  if (vctValues && (typeof header.vct !== 'string' || !vctValues.includes(header.vct))) {
    throw new EidError('vct_mismatch', 'credential type is not one the query asked for')
  }
  const claims = v.claims ?? {}
  const requested = requestedJptClaims(opts.query)
  const allowed = new Set([...requested, ...ALWAYS_DISCLOSED])
  for (const name of Object.keys(claims)) {
    if (!allowed.has(name)) throw new EidError('over_disclosure', `the presentation discloses ${name}, which was not requested`)
  }
  for (const name of [...requested, ...ALWAYS_DISCLOSED]) {
    if (!Object.hasOwn(claims, name)) throw new EidError('required_claim_missing', `the presentation does not disclose ${name}`)
  }
  if (!jptValuesMatch(opts.query, (n) => claims[n])) throw new EidError('claim_value_mismatch', 'a presented claim value is not one the query asked for')
  const exp = claims.exp
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) throw new EidError('jpt_claims_invalid', 'exp is not an integer')
  if (exp <= opts.now - (opts.skewSeconds ?? 60)) throw new EidError('credential_expired', 'the credential has expired')
  if (!v.pseudonym || typeof header.iss !== 'string') throw new EidError('jwp_proof_invalid', 'presentation carries no pseudonym or issuer')
  return { claims: Object.fromEntries(requested.map((n) => [n, claims[n]])), pseudonym: encodeBase64url(v.pseudonym), issuer: header.iss }
}
