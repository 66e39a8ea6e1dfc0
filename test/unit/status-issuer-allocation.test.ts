import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStatusService } from '../../issuer/status/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { verifyStatusListToken } from '../../shared/status-list/index.ts'

const BASE = 'https://issuer.example'
let key: SigningKey
let dir: string
const now = () => 1_800_000_000

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  dir = mkdtempSync(join(tmpdir(), 'status-alloc-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const service = (over: Partial<Parameters<typeof createStatusService>[0]> = {}) =>
  createStatusService({ dataDir: ':memory:', baseUrl: BASE, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now, ...over })

describe('issuer status index allocation', () => {
  it('10,000 allocations give 10,000 distinct indices spread uniformly over a 100,000-entry list', () => {
    const s = service()
    const idxs: number[] = []
    const uris = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const a = s.allocate({ credentialId: `c${i}`, personId: `p${i % 2500}` })
      idxs.push(a.idx)
      uris.add(a.uri)
    }
    expect(uris.size).toBe(1)
    expect([...uris][0]).toMatch(/^https:\/\/issuer\.example\/status-lists\/[A-Za-z0-9_-]{16}$/)
    expect(new Set(idxs).size).toBe(10_000)
    expect(Math.min(...idxs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...idxs)).toBeLessThan(100_000)
    // Chi-square over 20 buckets of 5,000 indices: 19 degrees of freedom, critical value 43.82 at p = 0.001.
    const buckets = new Array<number>(20).fill(0)
    for (const i of idxs) buckets[Math.floor(i / 5000)]!++
    const expected = 10_000 / 20
    const chi2 = buckets.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0)
    console.log(`status allocation: chi-square ${chi2.toFixed(1)} (19 df, critical 43.8 at p=0.001), buckets ${Math.min(...buckets)}..${Math.max(...buckets)}`)
    expect(chi2).toBeLessThan(43.82)
    // No order: the allocation sequence is uncorrelated with the index (|Pearson r| < 0.05).
    const n = idxs.length
    const mx = (n - 1) / 2
    const my = idxs.reduce((a, b) => a + b, 0) / n
    let sxy = 0, sxx = 0, syy = 0
    idxs.forEach((y, x) => { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; syy += (y - my) ** 2 })
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThan(0.05)
    s.close()
  })

  it('returns the same entry again for the same credential', () => {
    const s = service()
    const a = s.allocate({ credentialId: 'c1', personId: 'p1' })
    expect(s.allocate({ credentialId: 'c1', personId: 'p1' })).toEqual(a)
    s.close()
  })

  it('fills a list completely, then opens a new one', () => {
    const s = service({ listSize: 16 })
    const seen = new Set<string>()
    for (let i = 0; i < 40; i++) {
      const a = s.allocate({ credentialId: `c${i}`, personId: 'p' })
      seen.add(`${a.uri}#${a.idx}`)
      expect(a.idx).toBeLessThan(16)
    }
    expect(seen.size).toBe(40)
    expect(s.listIds()).toHaveLength(3)
    s.close()
  })

  it('a restart never reuses an index, and statuses survive it', async () => {
    const dataDir = join(dir, 'restart')
    const seen = new Set<string>()
    const take = (s: ReturnType<typeof service>, from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const a = s.allocate({ credentialId: `c${i}`, personId: `p${i % 10}` })
        const k = `${a.uri}#${a.idx}`
        expect(seen.has(k), k).toBe(false)
        seen.add(k)
      }
    }
    // A file database with synchronous=FULL: one fsync per allocation, so small lists here.
    const first = service({ dataDir, listSize: 64 })
    take(first, 0, 50)
    expect(first.setPersonStatus('p3', 'invalid')).toBe(5)
    const listId = first.listIds()[0]
    first.close()

    const second = service({ dataDir, listSize: 64 })
    expect(second.listIds()).toEqual([listId])
    take(second, 50, 70) // fills the first list (14 left, drawn among the free ones) and opens a second
    expect(second.listIds()).toHaveLength(2)
    expect(seen.size).toBe(120)
    let invalid = 0
    for (const id of second.listIds()) {
      const token = await second.tokenFor(id)
      const v = await verifyStatusListToken(token.jwt, { expectedSub: second.uriOf(id), now: now(), resolveKey: async () => key.publicJwk })
      for (let i = 0; i < v.list.size; i++) if (v.list.get(i) === 1) invalid++
    }
    expect(invalid).toBe(5 + 7) // p3's 5 entries before the restart; its 7 new entries start revoked
    second.close()
  })

  it('two instances sharing one database never allocate the same index', () => {
    const dataDir = join(dir, 'shared')
    const a = service({ dataDir, listSize: 64 })
    a.allocate({ credentialId: 'first', personId: 'p' })
    const b = service({ dataDir, listSize: 64 })
    const seen = new Set<string>()
    for (let i = 0; i < 63; i++) {
      const r = (i % 2 === 0 ? a : b).allocate({ credentialId: `c${i}`, personId: 'p' })
      seen.add(`${r.uri}#${r.idx}`)
    }
    expect(seen.size).toBe(63)
    expect(a.listIds()).toHaveLength(1)
    a.close()
    b.close()
  })

  it('allocates a batch in one commit, all or none', () => {
    const dataDir = join(dir, 'batch')
    const s = service({ dataDir, listSize: 16 })
    const started = performance.now()
    const batch = s.allocateMany(Array.from({ length: 40 }, (_, i) => ({ credentialId: `b${i}`, personId: 'p' })))
    expect(performance.now() - started).toBeLessThan(1000)
    expect(new Set(batch.map((r) => `${r.uri}#${r.idx}`)).size).toBe(40)
    expect(s.listIds()).toHaveLength(3)
    // A failing batch leaves nothing behind.
    expect(() => s.allocateMany([{ credentialId: 'x1', personId: 'p' }, { credentialId: '', personId: 'p' }])).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    )
    expect(s.allocate({ credentialId: 'x1', personId: 'p' }).uri).toMatch(/status-lists/)
    s.close()
    const again = service({ dataDir, listSize: 16 })
    expect(again.listIds()).toHaveLength(3)
    again.close()
  })

  it('rejects a list size that is not a positive multiple of 8', () => {
    for (const listSize of [0, 12, 100.5]) expect(() => service({ listSize })).toThrow(expect.objectContaining({ code: 'invalid_request' }))
  })
})
