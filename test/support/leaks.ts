// Finding secrets in logs, pages and database bytes without tripping over random identifiers.
//
// Logs and stores are full of random base64url strings (session ids, nonces, digests). A short secret such as the
// given name `Wei`, a 6-digit transaction code or the JWT prefix `eyJ` turns up inside one of those by chance now and
// then, which made plain `not.toContain` checks fail about once in a few hundred runs. So:
// - a secret shorter than LONG counts only where it stands alone, not inside a longer run of base64url characters;
// - a secret of LONG characters or more (ID numbers, tokens, codes) counts anywhere: chance cannot produce it;
// - a token is anything shaped like a compact JWS (`eyJ…` header, a dot, more base64url), which an id never is.

const LONG = 8
const B64U = 'A-Za-z0-9_-'
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const B64U_CHAR = new RegExp(`^[${B64U}]$`)
const isB64u = (c: string | undefined): boolean => c !== undefined && B64U_CHAR.test(c)

function pattern(secret: string): RegExp {
  const before = isB64u(secret[0]) ? `(?<![${B64U}])` : ''
  const after = isB64u(secret.at(-1)) ? `(?![${B64U}])` : ''
  return new RegExp(`${before}${escape(secret)}${after}`)
}

/** The secrets that occur in `text` (see the file comment for what counts as an occurrence). */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length > 0 && (s.length >= LONG ? text.includes(s) : pattern(s).test(text)))
}

/** Compact-JWS-shaped strings in `text`: a base64url JSON header (`eyJ`), a dot and more base64url. */
export function jwtLike(text: string): string[] {
  return text.match(new RegExp(`eyJ[${B64U}]+\\.[${B64U}]*`, 'g')) ?? []
}
