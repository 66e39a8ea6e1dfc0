// The pseudonym interface identifier (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §6): ciphersuite_id || "H2G_HM2S_PSEUDONYM_".
import type { Ciphersuite } from '../ciphersuite.ts'
import { ascii, concat, i2osp } from '../octets.ts'

/** `api_id` of the pseudonym interface; blind generators use `"BLIND_" || api_id`. */
export function nymApiId(suite: Ciphersuite): Uint8Array {
  return ascii(`${suite.ciphersuiteId}H2G_HM2S_PSEUDONYM_`)
}

/** Most nym secrets per signature (n-use pseudonyms); bounds the verifier's work. */
export const MAX_NYM_SECRETS = 64

/** `combined_header = header || I2OSP(length_nym_vector, 8)`: binds the nym vector length into the signature. */
export function combinedHeader(header: Uint8Array, nymCount: number): Uint8Array {
  return concat(header, i2osp(nymCount, 8))
}
