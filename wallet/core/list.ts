// `list`: held credentials grouped by batch, with claims, expiry, status and where each was shown.
import type { WalletContext } from './context.ts'
import { fullClaims } from './claims-view.ts'
import { walletIssuerKeys } from './issuer-keys.ts'
import { createStatusLookup } from './status.ts'
import type { CredentialStatus } from './status.ts'

/** Claims that describe the credential rather than the person; `list` shows them as metadata. */
const TECHNICAL_CLAIMS = new Set(['iss', 'vct', 'cnf', 'status', 'iat', 'nbf', 'exp', 'sub', 'jti', 'vct#integrity'])

export interface ListedCredential {
  id: string
  batchId: string
  issuer: string
  vct: string
  issuedAt: number | undefined
  expiresAt: number | undefined
  expired: boolean
  status: CredentialStatus
  /** The person's claims (the wallet's own data, shown to its owner only). */
  claims: Record<string, unknown>
  shownTo: { clientId: string; name: string }[]
}

/** Lists every held credential; with `checkStatus` (default true) fetches status lists ('unknown' when unavailable). */
export async function listCredentials(ctx: WalletContext, opts: { checkStatus?: boolean } = {}): Promise<ListedCredential[]> {
  await ctx.store.refresh()
  const held = ctx.store.read().credentials
  const lookup = createStatusLookup(ctx, walletIssuerKeys(ctx, held.map((c) => c.issuer)))
  const now = ctx.now()
  const out: ListedCredential[] = []
  for (const cred of held) {
    const all = fullClaims(cred.sdJwt)
    const claims = Object.fromEntries(Object.entries(all).filter(([k]) => !TECHNICAL_CLAIMS.has(k)))
    out.push({
      id: cred.id,
      batchId: cred.batchId,
      issuer: cred.issuer,
      vct: cred.vct,
      issuedAt: cred.issuedAt,
      expiresAt: cred.expiresAt,
      expired: cred.expiresAt !== undefined && cred.expiresAt <= now,
      status: opts.checkStatus === false ? 'unknown' : await lookup.statusOf(cred.issuer, all.status),
      claims,
      shownTo: cred.shownTo,
    })
  }
  return out
}
