// shared/cache: the two-generation bounded cache and results kept per deeply frozen object.
import { describe, expect, it } from 'vitest'
import { TwoGenerationCache, deepFreeze, derivedPerFrozen, isDeepFrozen } from '../../shared/cache/index.ts'

describe('TwoGenerationCache', () => {
  it('holds at most max entries; an entry in use stays while others come and go, an unused one is dropped', () => {
    const c = new TwoGenerationCache<number, string>(8)
    c.set(-1, 'used')
    c.set(-2, 'unused')
    for (let i = 0; i < 100; i++) {
      c.set(i, String(i))
      expect(c.get(-1)).toBe('used')
    }
    expect(c.get(-2)).toBeUndefined()
    // the last 4 inserted at least are there, nothing older than 8 inserts ago
    for (let i = 96; i < 100; i++) expect(c.get(i)).toBe(String(i))
    expect(c.get(80)).toBeUndefined()
  })

  it('forgets a deleted key in either generation', () => {
    const c = new TwoGenerationCache<string, number>(4)
    c.set('a', 1)
    c.set('b', 2)
    c.set('c', 3) // a and b are now the older generation
    c.delete('a')
    c.delete('c')
    expect(c.get('a')).toBeUndefined()
    expect(c.get('c')).toBeUndefined()
    expect(c.get('b')).toBe(2)
  })

  it('refuses a size it cannot split in two', () => {
    expect(() => new TwoGenerationCache(1)).toThrow(RangeError)
    expect(() => new TwoGenerationCache(2.5)).toThrow(RangeError)
  })
})

describe('derivedPerFrozen', () => {
  it('derives once per deeply frozen object, at every call for one that could change', () => {
    let runs = 0
    const keys = derivedPerFrozen((o: Record<string, unknown>) => {
      runs++
      return Object.keys(o).join(',')
    })
    const frozen = deepFreeze({ a: 1, b: { c: [1] } })
    expect(isDeepFrozen(frozen)).toBe(true)
    expect(keys(frozen)).toBe('a,b')
    expect(keys(frozen)).toBe('a,b')
    expect(runs).toBe(1)
    const shallow = Object.freeze({ a: 1, b: { c: [1] } }) // its member could change
    expect(isDeepFrozen(shallow)).toBe(false)
    keys(shallow)
    keys(shallow)
    expect(runs).toBe(3)
    const open: Record<string, unknown> = { a: 1 }
    expect(keys(open)).toBe('a')
    open.z = 2
    expect(keys(open)).toBe('a,z')
  })
})
