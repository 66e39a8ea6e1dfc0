// The freshness a status list response grants (RFC 9111 §5.2.2): `max-age`, or none for `no-store`/`no-cache`.

/**
 * Seconds a response may be reused according to its `Cache-Control` header: 0 for `no-store` or `no-cache`,
 * the `max-age` value (at most 10 digits), or undefined when the header says neither (then the token's ttl alone rules).
 */
export function maxAgeOf(cacheControl: string | null): number | undefined {
  if (cacheControl === null || cacheControl.length > 1024) return undefined
  let maxAge: number | undefined
  for (const part of cacheControl.toLowerCase().split(',')) {
    const d = part.trim()
    if (d === 'no-store' || d === 'no-cache') return 0
    const m = /^max-age\s*=\s*"?(\d{1,10})"?$/.exec(d)
    if (m) maxAge = Math.min(maxAge ?? Infinity, Number(m[1]))
  }
  return maxAge
}
