// Nonce Response of the Nonce Endpoint (OpenID4VCI 1.0 §7.2).

/** Body of a Nonce Response; served with `Cache-Control: no-store` (§7.2). */
export interface NonceResponse {
  c_nonce: string
}
