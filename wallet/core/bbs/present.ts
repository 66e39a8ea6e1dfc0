// Holder side of a dc+jpt request: choose a live BBS credential (never renewing it: presenting talks only to the
// service), describe what leaves (the requested claims, `exp`, and a pseudonym specific to this service), and derive a
// fresh proof per presentation; renewal of due credentials on the wallet's own schedule.
import { EidError } from '../../../shared/errors/index.ts'
import { decodeBase64url, parseIssuedJwp } from '../../../shared/jwp/index.ts'
import { decodeUtf8 } from '../../../shared/keys/index.ts'
import { ALWAYS_DISCLOSED, jptValuesMatch, presentPidBbs, requestedJptClaims } from '../../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../../shared/pid-bbs/index.ts'
import type { WalletContext } from '../context.ts'
import { refreshBbsCredential } from './issue.ts'
import type { BbsCredentialStore, StoredBbsCredential } from './state.ts'

/** What the consent screen shows for a dc+jpt credential query. */
export interface BbsConsentEntry {
  credentialQueryId: string
  vct: string
  issuer: string
  claims: { path: [string]; value: unknown }[]
  /** Always true for dc+jpt: the service receives a pseudonym that only it has. */
  pseudonym: true
}

/**
 * The credential answering `query`: the held pid_bbs, of an accepted type and whose claims hold the values the query
 * asks for (`values: [true]`: a credential with `false` does not match), that expires last. It is never renewed
 * here: a renewal is a request to the issuer naming the person, and one made because of a visit would tell the
 * issuer when the person presents (docs/THREAT-MODEL.md, BBS). `bbs_credential_missing` when none is held;
 * `bbs_credential_expired` when the one held has expired (the person renews it: `refreshDueBbsCredentials`, run by
 * the wallet's schedule and `wallet refresh-bbs`). One expiring in seconds is still presented (the verifier allows
 * its clock skew).
 */
export async function selectBbsCredential(ctx: WalletContext, store: BbsCredentialStore, query: JptCredentialQuery): Promise<StoredBbsCredential> {
  const vcts = query.meta.vct_values
  const held = (await store.list())
    .filter((c) => (!vcts || vcts.includes(c.vct)) && jptValuesMatch(query, (n) => heldClaimValue(c, n)))
    .sort((a, b) => b.expiresAt - a.expiresAt)
  const best = held[0]
  if (!best) throw new EidError('bbs_credential_missing', 'no held BBS credential matches the request (type, values); accept an offer first')
  if (best.expiresAt <= ctx.now()) throw new EidError('bbs_credential_expired', 'the BBS credential has expired; renew it (wallet refresh-bbs) and try again; nothing was sent')
  return best
}

/** The value of claim `name` in a held BBS credential (undefined when it has none). */
function heldClaimValue(cred: StoredBbsCredential, name: string): unknown {
  const jwp = parseIssuedJwp(cred.jpt)
  const i = (jwp.issuerHeader.claims ?? []).indexOf(name)
  return i < 0 ? undefined : (JSON.parse(decodeUtf8(jwp.payloads[i] as Uint8Array)) as unknown)
}

/** Consent entry: the requested claims with their values, and the service-specific pseudonym. */
export function bbsConsentEntry(query: JptCredentialQuery, cred: StoredBbsCredential): BbsConsentEntry {
  const value = (name: string): unknown => heldClaimValue(cred, name)
  const shown = [...requestedJptClaims(query), ...ALWAYS_DISCLOSED]
  return { credentialQueryId: query.id, vct: cred.vct, issuer: cred.issuer, claims: shown.map((n) => ({ path: [n] as [string], value: value(n) })), pseudonym: true }
}


/** A fresh presentation of `cred` for this request: requested claims plus `exp`, pseudonym for `clientId`. */
export function presentBbsCredential(cred: StoredBbsCredential, query: JptCredentialQuery, input: { clientId: string; nonce: string; iat: number; pseudonymScope?: string }): string {
  const jwp = parseIssuedJwp(cred.jpt)
  const state = { nymSecrets: [decodeBase64url(cred.nym.nym_secret, 'nym_secret')], secretProverBlind: decodeBase64url(cred.nym.prover_blind, 'prover_blind') }
  return presentPidBbs(jwp, decodeBase64url(cred.issuerPublicKey, 'issuer key'), state, {
    claims: requestedJptClaims(query), aud: input.clientId, nonce: input.nonce, iat: input.iat,
    ...(input.pseudonymScope !== undefined ? { pseudonymScope: input.pseudonymScope } : {}),
  })
}

/**
 * Refreshes every held BBS credential that expires within `withinSeconds` (default one hour) and has a live
 * refresh offer; returns how many were refreshed. One that fails keeps its old copy and the error is rethrown last.
 */
export async function refreshDueBbsCredentials(ctx: WalletContext, store: BbsCredentialStore, withinSeconds = 3600): Promise<number> {
  let n = 0
  let failure: unknown
  for (const c of await store.list()) {
    if (c.expiresAt > ctx.now() + withinSeconds) continue
    try {
      await store.put(await refreshBbsCredential(ctx, c))
      n++
    } catch (err) {
      failure ??= err
    }
  }
  if (failure !== undefined) throw failure
  return n
}
