// The stored DCQL query of a session, parsed once per distinct text: presets and a service's own queries repeat.

/** Distinct query texts kept (each at most the DCQL size limit): least recently stored dropped first. */
const MAX_QUERIES = 256
const parsed = new Map<string, unknown>()

/** Freezes `value` and everything reachable from it (JSON-shaped values: objects and arrays). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/** True when `value` and everything reachable from it is frozen: only such an object cannot change once cached. */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen)
}

/**
 * `JSON.parse(text)` of a stored query, frozen and shared by every session with the same text, so each read of a
 * session does not parse it again and the verifier's per-query cache (verifier/formats) finds it by identity.
 */
export function storedQuery(text: string): unknown {
  const hit = parsed.get(text)
  if (hit !== undefined) return hit
  const value = deepFreeze(JSON.parse(text) as unknown)
  if (parsed.size >= MAX_QUERIES) parsed.delete(parsed.keys().next().value as string)
  parsed.set(text, value)
  return value
}

/** The JSON text of each deeply frozen query object seen by queryJson. */
const texts = new WeakMap<object, string>()

/**
 * `JSON.stringify(query)`, kept for a deeply frozen query, which cannot change: a preset's query (verifier) and the
 * shared objects storedQuery returns are encoded once, not at every session written or request object signed.
 */
export function queryJson(query: unknown): string {
  if (typeof query !== 'object' || query === null) return JSON.stringify(query) as string
  const known = texts.get(query)
  if (known !== undefined) return known
  const text = JSON.stringify(query) as string
  if (isDeepFrozen(query)) texts.set(query, text)
  return text
}
