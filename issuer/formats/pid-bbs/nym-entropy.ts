// signer_nym_entropy per person (draft-irtf-cfrg-bbs-per-verifier-linkability BlindSignWithNym): derived, not drawn,
// so a refreshed credential carries the same nym_secret (prover_nym + entropy) and keeps the person's pseudonyms.
import { createHmac } from 'node:crypto'
import { BLS12_381_SHA_256, hashToScalar, i2osp, SCALAR_LENGTH } from '../../../shared/bbs/index.ts'

const DST = new TextEncoder().encode('EID_PID_BBS_SIGNER_NYM_ENTROPY_V1')

/** `hash_to_scalar(HMAC-SHA256(key, personId))` as 32 octets: uniform, unpredictable without the issuer's key. */
export function signerNymEntropy(nymEntropyKey: Uint8Array, personId: string): Uint8Array {
  const mac = createHmac('sha256', nymEntropyKey).update(personId, 'utf8').digest()
  return i2osp(hashToScalar(BLS12_381_SHA_256, mac, DST), SCALAR_LENGTH)
}
