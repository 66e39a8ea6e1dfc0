// The dc+sd-jwt row of the wallet's format table: DCQL selection over held SD-JWT VCs, one KB-JWT presentation each.
import { EidError } from '../../../shared/errors/index.ts'
import { importSigningKey } from '../../../shared/keys/index.ts'
import type { JWK } from '../../../shared/keys/index.ts'
import { SD_JWT_VC_FORMAT } from '../../../shared/oid4vp/index.ts'
import { presentSdJwt } from '../../../shared/sdjwt/index.ts'
import type { WalletContext } from '../context.ts'
import { pruneSpentCopies } from '../prune.ts'
import { selectCredentials, usableFor } from '../select-credentials.ts'
import type { Selection } from '../select-credentials.ts'
import type { AnswerRequest, FormatAnswer, WalletFormat } from './types.ts'

/** SD-JWT VC: a copy the wallet's SD-JWT policy allows (select-credentials.ts), disclosures of the chosen claims, KB-JWT to the service. */
export const sdJwtVcFormat: WalletFormat = {
  format: SD_JWT_VC_FORMAT,
  async select(ctx, payload, now) {
    const selections = selectCredentials(payload.dcql_query, ctx.store.read().credentials, payload.client_id, now, ctx.sdJwtPolicy)
    return {
      consentEntries: selections.map((s) => ({
        credentialQueryId: s.credentialQueryId,
        vct: s.credential.vct,
        issuer: s.credential.issuer,
        claims: s.paths.map((path, i) => ({ path, value: s.values[i] })),
      })),
      answer: (req) => answerSdJwt(ctx, selections, req),
    }
  },
}

async function answerSdJwt(ctx: WalletContext, selections: Selection[], req: AnswerRequest): Promise<FormatAnswer> {
  const vpToken: Record<string, string[]> = {}
  for (const sel of selections) {
    const holderKey = sel.credential.holderKey
    if (holderKey === undefined) throw new EidError('no_unlinkable_credential', 'the chosen credential was spent and pruned; try again')
    const key = await importSigningKey(holderKey.privateJwk as JWK, holderKey.alg)
    vpToken[sel.credentialQueryId] = [
      await presentSdJwt(sel.credential.sdJwt, sel.paths, { privateKey: key.privateKey, alg: key.alg, aud: req.clientId, nonce: req.nonce, iat: req.iat }),
    ]
  }
  const disclosed = selections.map((s) => ({ credentialQueryId: s.credentialQueryId, credentialId: s.credential.id, vct: s.credential.vct, claims: s.paths }))
  // Mark the credentials as shown before sending: once posted, the service may hold them even if it errs.
  await ctx.store.update((state) => {
    for (const sel of selections) {
      const cred = state.credentials.find((c) => c.id === sel.credential.id)
      if (cred === undefined || !usableFor(cred, req.clientId, ctx.sdJwtPolicy)) {
        // Another process presented it since the request was checked: nothing is sent.
        throw new EidError('no_unlinkable_credential', 'the chosen credential was meanwhile presented by another process; try again')
      }
      if (cred.shownTo.length === 0) cred.shownTo.push({ clientId: req.clientId, name: req.serviceName })
    }
    // a copy now spent (once-only) is dropped with its key; the history keeps what went where
    pruneSpentCopies(state, ctx.sdJwtPolicy, ctx.now())
  })
  return { vpToken, disclosed }
}
