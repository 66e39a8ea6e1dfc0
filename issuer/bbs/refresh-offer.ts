// Refresh of BBS credentials by the pre-authorized grant (OpenID4VCI 1.0 §4.1.1, §6): each pid_bbs issuance hands the
// wallet a new single-use pre-authorized code and tx_code that live for the refresh window (docs/PROTOCOL.md, "BBS credentials in the flows" §4).
import type { EnrollmentRecord } from '../../shared/pid/index.ts'
import type { RefreshOffer } from '../../shared/pid-bbs/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { randomSecret, randomTxCode, secretHash } from '../flows/secrets.ts'
import type { BbsIssuer } from './issuer.ts'

/** Stores (hashed, like any offer) a pre-authorized code for `person` valid for the refresh window and returns it. */
export async function createRefreshOffer(deps: IssuerDeps, bbs: BbsIssuer, person: EnrollmentRecord, now: number): Promise<RefreshOffer> {
  const code = randomSecret()
  const txCode = randomTxCode(deps.config.txCodeLength)
  const expiresAt = now + bbs.config.refreshWindowSeconds
  await deps.store.enroll({ record: person, offer: { codeHash: secretHash(code), txCodeHash: secretHash(code, txCode), expiresAt }, now })
  return { 'pre-authorized_code': code, tx_code: txCode, expires_at: expiresAt }
}
