// Comparison of `typ` header values as media types (RFC 7515 §4.1.9): case-insensitive, "application/" prefix optional.

/** The canonical form of a `typ` value: lower case, without an `application/` prefix. */
export function normalizeTyp(typ: string): string {
  const t = typ.toLowerCase()
  return t.startsWith('application/') ? t.slice('application/'.length) : t
}

/** True when `typ` names the same media type as one of `accepted` (given in canonical form). */
export function typMatches(typ: string | undefined, accepted: readonly string[]): boolean {
  return typ !== undefined && accepted.includes(normalizeTyp(typ))
}
