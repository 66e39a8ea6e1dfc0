// The freshness a status list response grants (shared/status-check maxAgeOf): max-age, no-store/no-cache, junk.
import { describe, expect, it } from 'vitest'
import { maxAgeOf } from '../../shared/status-check/cache-control.ts'

describe('maxAgeOf (Cache-Control of a status list response)', () => {
  it('reads max-age, the smallest when repeated', () => {
    expect(maxAgeOf('public, max-age=300')).toBe(300)
    expect(maxAgeOf('Max-Age = 12, public')).toBe(12)
    expect(maxAgeOf('max-age=60, max-age=5')).toBe(5)
  })
  it('no-store and no-cache grant nothing', () => {
    expect(maxAgeOf('public, max-age=300, no-cache')).toBe(0)
    expect(maxAgeOf('no-store')).toBe(0)
  })
  it('absent, malformed or oversized headers say nothing (the token ttl alone rules)', () => {
    expect(maxAgeOf(null)).toBeUndefined()
    expect(maxAgeOf('public')).toBeUndefined()
    expect(maxAgeOf('max-age=-1')).toBeUndefined()
    expect(maxAgeOf('max-age=12345678901')).toBeUndefined()
    expect(maxAgeOf(`max-age=1, ${'x'.repeat(2000)}`)).toBeUndefined()
  })
})
