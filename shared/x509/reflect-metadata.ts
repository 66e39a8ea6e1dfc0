// Minimal Reflect metadata API for tsyringe, which @peculiar/x509 2 loads and which throws without a polyfill
// (its own polyfill, @abraham/reflection, is only a dev dependency of @peculiar/x509). Installed only when absent.
type Key = unknown
type Target = object

const store = new WeakMap<Target, Map<Key, unknown>>()

interface ReflectMetadata {
  getMetadata?: (key: Key, target: Target) => unknown
  getOwnMetadata?: (key: Key, target: Target) => unknown
  defineMetadata?: (key: Key, value: unknown, target: Target) => void
  hasMetadata?: (key: Key, target: Target) => boolean
  metadata?: (key: Key, value: unknown) => (target: Target) => void
}

const R = Reflect as unknown as ReflectMetadata
if (typeof R.getMetadata !== 'function') {
  const own = (key: Key, target: Target): unknown => store.get(target)?.get(key)
  const lookup = (key: Key, target: Target): unknown => {
    for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t) as Target | null) {
      const m = store.get(t)
      if (m?.has(key)) return m.get(key)
    }
    return undefined
  }
  const define = (key: Key, value: unknown, target: Target): void => {
    let m = store.get(target)
    if (!m) store.set(target, (m = new Map()))
    m.set(key, value)
  }
  R.getMetadata = lookup
  R.getOwnMetadata = own
  R.defineMetadata = define
  R.hasMetadata = (key, target) => lookup(key, target) !== undefined
  R.metadata = (key, value) => (target) => define(key, value, target)
}
