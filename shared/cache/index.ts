// Public surface of shared/cache: bounded and per-object in-memory caches (no I/O, no clock).
export { TwoGenerationCache } from './two-generations.ts'
export { deepFreeze, derivedPerFrozen, isDeepFrozen } from './frozen.ts'
