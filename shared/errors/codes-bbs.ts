// Error codes of the bbs area (draft-irtf-cfrg-bbs-signatures). Each entry: HTTP status and OAuth `error` value.
export const BBS_CODES = {
  /** Verify: the pairing check failed, or the signature does not match header/messages/key. */
  bbs_invalid_signature: { status: 400, oauth: 'invalid_request' },
  /** ProofVerify: challenge mismatch or pairing check failed. */
  bbs_invalid_proof: { status: 400, oauth: 'invalid_request' },
  /** A G1/G2 octet string is not a canonical compressed point in the prime-order subgroup, or is the identity. */
  bbs_invalid_point: { status: 400, oauth: 'invalid_request' },
  /** A scalar is out of range (0 or ≥ r where 1..r-1 is required), or a secret key is invalid. */
  bbs_invalid_scalar: { status: 400, oauth: 'invalid_request' },
  /** An octet string has the wrong length (key, signature, proof, header, key material). */
  bbs_invalid_length: { status: 400, oauth: 'invalid_request' },
  /** Disclosed indexes are not unique, not ascending, out of range, or inconsistent with the message count. */
  bbs_invalid_index: { status: 400, oauth: 'invalid_request' },
  /** The number of messages or generators does not fit the operation (e.g. too many messages). */
  bbs_invalid_message_count: { status: 400, oauth: 'invalid_request' },
  /** Unknown ciphersuite name. */
  bbs_unsupported_ciphersuite: { status: 400, oauth: 'invalid_request' },
} as const
