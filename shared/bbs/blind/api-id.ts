// Interface identifiers of blind BBS (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2) and the blind generator seed prefix.
import type { Ciphersuite } from '../ciphersuite.ts'
import { ascii, concat } from '../octets.ts'

/** `api_id` of the blind interface: `ciphersuite_id || "BLIND_H2G_HM2S_"`. */
export function blindApiId(suite: Ciphersuite): Uint8Array {
  return ascii(`${suite.ciphersuiteId}BLIND_H2G_HM2S_`)
}

/** The `api_id` under which blind generators `(Q_2, J_1, ...)` are created: `"BLIND_" || api_id`. */
export function blindGeneratorsApiId(apiId: Uint8Array): Uint8Array {
  return concat(ascii('BLIND_'), apiId)
}
