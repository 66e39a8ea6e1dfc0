// Credential ids are UUIDv7 (RFC 9562 §5.7): version and variant bits set, the issuance time first, distinct, and in
// issuance order across batches, so the store's primary-key index takes a batch's inserts on neighbouring pages.
import { describe, expect, it } from 'vitest'
import { newCredentialIds } from '../../issuer/flows/credential-id.ts'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('credential ids', () => {
  it('are UUIDv7 carrying the issuance time in milliseconds, distinct within and across batches', () => {
    const t = Date.UTC(2026, 11, 3, 10, 0, 0)
    const ids = [...newCredentialIds(10, t), ...newCredentialIds(10, t)]
    for (const id of ids) {
      expect(id).toMatch(UUID_V7)
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t)
    }
    expect(new Set(ids).size).toBe(20)
  })

  it('sort in issuance order across batches', () => {
    const t = Date.UTC(2026, 11, 3, 10, 0, 0)
    const batches = [t, t + 1, t + 1000, t + 86_400_000].map((ms) => newCredentialIds(10, ms))
    for (let i = 1; i < batches.length; i++) {
      expect(batches[i - 1]?.every((a) => batches[i]?.every((b) => a < b))).toBe(true)
    }
  })

  it('has 74 random bits: no two of 5,000 ids of one millisecond are equal', () => {
    expect(new Set(newCredentialIds(5000, 1)).size).toBe(5000)
  })
})
