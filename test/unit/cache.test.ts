// shared/cache: the two-generation bounded cache.
import { describe, expect, it } from 'vitest'
import { TwoGenerationCache } from '../../shared/cache/index.ts'

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
