// Deeply frozen JSON-shaped values, and what is derived from one once: such a value can never change, so a result
// derived from it may be kept for as long as the value lives.

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
 * `derive`, with its result kept per deeply frozen object (a WeakMap: kept as long as the object lives); for an object
 * that is not deeply frozen, which could change, `derive` runs at every call.
 */
export function derivedPerFrozen<O extends object, R>(derive: (o: O) => R): (o: O) => R {
  const kept = new WeakMap<O, R>()
  return (o) => {
    if (kept.has(o)) return kept.get(o) as R
    const r = derive(o)
    if (isDeepFrozen(o)) kept.set(o, r)
    return r
  }
}
