// Same-device response codes (OpenID4VP 1.0 §8.2 redirect_uri + response_code): random, handed out once, stored hashed.
import { createHash, randomBytes } from 'node:crypto'

/**
 * Same-device flow (OpenID4VP 1.0 §8.2): the redirect back to the service carries a fresh random
 * `response_code` in the fragment; the service must present it to read the result (session binding).
 * Only its hash is stored.
 */
export function responseRedirect(redirectUri: string): { uri: string; codeHash: string } {
  const code = randomBytes(24).toString('base64url')
  const u = new URL(redirectUri)
  u.hash = `response_code=${code}`
  return { uri: u.href, codeHash: hashResponseCode(code) }
}

/** SHA-256 (base64url) of a response_code, as stored. */
export function hashResponseCode(code: string): string {
  return createHash('sha256').update(code).digest('base64url')
}
