// Status of held credentials via their Token Status List (draft-ietf-oauth-status-list §8.3), fetched from the issuer's origin.
import { isEidError } from '../../shared/errors/index.ts'
import { STATUS, parseStatusClaim, verifyStatusListToken } from '../../shared/status-list/index.ts'
import type { WalletContext } from './context.ts'
import { fetchLimited } from './fetch-limited.ts'
import type { IssuerKeyResolver } from './issuer-keys.ts'

export type CredentialStatus = 'valid' | 'revoked' | 'suspended' | 'unknown' | 'none'

/** Looks up statuses, fetching and verifying each status list once per instance. */
export interface StatusLookup {
  statusOf(issuer: string, statusClaim: unknown): Promise<CredentialStatus>
}

/**
 * Creates a lookup. A credential without a `status` claim is 'none'; a list that can't be fetched
 * or verified (or a status URI off the issuer's origin) gives 'unknown' rather than an error, so
 * `list` still works offline.
 */
export function createStatusLookup(ctx: WalletContext, issuerKeys: (issuer: string) => Promise<IssuerKeyResolver>): StatusLookup {
  const lists = new Map<string, Promise<{ get(idx: number): number } | undefined>>()
  const load = async (issuer: string, uri: string): Promise<{ get(idx: number): number } | undefined> => {
    try {
      const res = await fetchLimited(uri, 'status list', ctx.policy, ctx.limits, { sameOriginAs: issuer, headers: { accept: 'application/statuslist+jwt' } })
      if (res.status !== 200) return undefined
      const resolveKey = await issuerKeys(issuer)
      const token = await verifyStatusListToken(res.text.trim(), { expectedSub: uri, now: ctx.now(), resolveKey: (h) => resolveKey(h) })
      return token.list
    } catch (err) {
      if (isEidError(err)) return undefined
      throw err
    }
  }
  return {
    async statusOf(issuer, statusClaim) {
      if (statusClaim === undefined) return 'none'
      let ref: { idx: number; uri: string }
      try {
        ref = parseStatusClaim(statusClaim)
      } catch {
        return 'unknown'
      }
      let list = lists.get(ref.uri)
      if (list === undefined) {
        list = load(issuer, ref.uri)
        lists.set(ref.uri, list)
      }
      const decoded = await list
      if (decoded === undefined) return 'unknown'
      let value: number
      try {
        value = decoded.get(ref.idx)
      } catch {
        return 'unknown'
      }
      if (value === STATUS.VALID) return 'valid'
      if (value === STATUS.INVALID) return 'revoked'
      if (value === STATUS.SUSPENDED) return 'suspended'
      return 'unknown'
    },
  }
}
