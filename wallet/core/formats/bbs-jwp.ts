// The dc+jpt row of the wallet's format table: which BBS credential answers the query (an expired one is refused),
// what the consent shows (claims and the pseudonym), and the vp_token entry (a fresh BBS proof for this client_id and nonce).
import type { ParsedDcqlQuery } from '../../../shared/oid4vp/index.ts'
import { ALWAYS_DISCLOSED, JPT_FORMAT, parseJptDcqlQuery, requestedJptClaims } from '../../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../../shared/pid-bbs/index.ts'
import { bbsConsentEntry, bbsStoreOf, presentBbsCredential, selectBbsCredential } from '../bbs/index.ts'
import type { StoredBbsCredential } from '../bbs/index.ts'
import type { WalletContext } from '../context.ts'
import type { AnswerRequest, FormatAnswer, WalletFormat } from './types.ts'

/** BBS PID in JWP: one credential query of the BBS DCQL profile, one held BBS credential, a pseudonym per service. */
export const bbsJwpFormat: WalletFormat = {
  format: JPT_FORMAT,
  parseQuery: (input) => parseJptDcqlQuery(input) as unknown as ParsedDcqlQuery,
  async select(ctx, payload) {
    const query = parseJptDcqlQuery(payload.dcql_query).credentials[0]
    const credential = await selectBbsCredential(ctx, bbsStoreOf(ctx.store), query)
    return { consentEntries: [bbsConsentEntry(query, credential)], answer: (req) => answerJpt(ctx, query, credential, req) }
  },
}

/** The vp_token entry and the history record of a BBS answer; marks the credential as shown to `clientId`. */
async function answerJpt(ctx: WalletContext, query: JptCredentialQuery, credential: StoredBbsCredential, req: AnswerRequest): Promise<FormatAnswer> {
  const presentation = presentBbsCredential(credential, query, { clientId: req.clientId, nonce: req.nonce, iat: req.iat, pseudonymScope: req.pseudonymScope })
  await ctx.store.update((s) => {
    const c = s.bbsCredentials?.find((x) => x.id === credential.id)
    if (c && !c.shownTo.some((x) => x.clientId === req.clientId)) c.shownTo.push({ clientId: req.clientId, name: req.serviceName })
  })
  const claims = [...requestedJptClaims(query), ...ALWAYS_DISCLOSED].map((n) => [n])
  return {
    vpToken: { [query.id]: [presentation] },
    disclosed: [{ credentialQueryId: query.id, credentialId: credential.id, vct: credential.vct, claims: [...claims, ['pseudonym']] }],
  }
}
