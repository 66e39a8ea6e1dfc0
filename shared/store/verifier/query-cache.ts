// The stored DCQL query of a session, parsed once per distinct text: presets and a service's own queries repeat.
import { deepFreeze, derivedPerFrozen } from '../../cache/index.ts'

/** Distinct query texts kept (each at most the DCQL size limit): least recently stored dropped first. */
const MAX_QUERIES = 256
const parsed = new Map<string, unknown>()


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

const objectJson = derivedPerFrozen((query: object) => JSON.stringify(query))

/**
 * `JSON.stringify(query)`, kept for a deeply frozen query, which cannot change: a preset's query (verifier) and the
 * shared objects storedQuery returns are encoded once, not at every session written or request object signed.
 */
export function queryJson(query: unknown): string {
  return typeof query === 'object' && query !== null ? objectJson(query) : JSON.stringify(query) as string
}
