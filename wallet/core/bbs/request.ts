// A dc+jpt request inside the wallet's present flow: which BBS credential answers it, what the consent shows,
// and the vp_token entry (a fresh BBS proof for this request's client_id and nonce).
import { isJptQuery, parseJptDcqlQuery, requestedJptClaims, ALWAYS_DISCLOSED } from '../../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../../shared/pid-bbs/index.ts'
import type { WalletContext } from '../context.ts'
import type { HistoryEntry } from '../state.ts'
import { presentBbsCredential, selectBbsCredential } from './present.ts'
import type { StoredBbsCredential } from './state.ts'
import { bbsStoreOf } from './wallet-state.ts'

/** The BBS answer of a checked request. */
export interface BbsRequestSelection {
  query: JptCredentialQuery
  credential: StoredBbsCredential
}

/** For a dc+jpt query: the held BBS credential (refreshed when expired); undefined for any other query. */
export async function selectForJptQuery(ctx: WalletContext, dcqlQuery: unknown): Promise<BbsRequestSelection | undefined> {
  if (!isJptQuery(dcqlQuery)) return undefined
  const query = parseJptDcqlQuery(dcqlQuery).credentials[0]
  return { query, credential: await selectBbsCredential(ctx, bbsStoreOf(ctx.store), query) }
}

/** The vp_token entry and the history record of a BBS answer; marks the credential as shown to `clientId`. */
export async function answerJptQuery(ctx: WalletContext, sel: BbsRequestSelection, req: { clientId: string; serviceName: string; nonce: string; iat: number }): Promise<{ vpToken: Record<string, string[]>; disclosed: HistoryEntry['disclosures'] }> {
  const presentation = presentBbsCredential(sel.credential, sel.query, { clientId: req.clientId, nonce: req.nonce, iat: req.iat })
  await ctx.store.update((s) => {
    const c = s.bbsCredentials?.find((x) => x.id === sel.credential.id)
    if (c && !c.shownTo.some((x) => x.clientId === req.clientId)) c.shownTo.push({ clientId: req.clientId, name: req.serviceName })
  })
  const claims = [...requestedJptClaims(sel.query), ...ALWAYS_DISCLOSED].map((n) => [n])
  return {
    vpToken: { [sel.query.id]: [presentation] },
    disclosed: [{ credentialQueryId: sel.query.id, credentialId: sel.credential.id, vct: sel.credential.vct, claims: [...claims, ['pseudonym']] }],
  }
}
