// Refresh of BBS credentials by the pre-authorized grant (OpenID4VCI 1.0 §4.1.1, §6): each pid_bbs issuance hands the
// wallet a new single-use pre-authorized code and tx_code that live for the refresh window (docs/protocol/bbs-flow.md §4).
import type { RefreshOffer } from '../../../shared/pid-bbs/index.ts'
import type { NewOffer } from '../../../shared/store/index.ts'
import type { IssuerDeps } from '../../deps.ts'
import { randomSecret, randomTxCode, secretHash } from '../../flows/secrets.ts'
import type { BbsIssuer } from './issuer.ts'

/** A fresh pre-authorized code valid for the refresh window: `refresh` for the wallet, `offer` (hashed) for the issuance transaction to store. */
export function newRefreshOffer(deps: IssuerDeps, bbs: BbsIssuer, now: number): { refresh: RefreshOffer; offer: NewOffer } {
  const code = randomSecret()
  const txCode = randomTxCode(deps.config.txCodeLength)
  const expiresAt = now + bbs.config.refreshWindowSeconds
  return {
    refresh: { 'pre-authorized_code': code, tx_code: txCode, expires_at: expiresAt },
    offer: { codeHash: secretHash(code), txCodeHash: secretHash(code, txCode), expiresAt },
  }
}
