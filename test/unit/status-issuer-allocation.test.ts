// issuer/status allocation: uniform random indices, never reused (restart, two instances, concurrency), batches all or none.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStatusService } from '../../issuer/status/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { verifyStatusListToken } from '../../shared/status-list/index.ts'
import { openIssuerSqliteStore } from '../../shared/store/index.ts'
import type { IssuerStore } from '../../shared/store/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'

const BASE = 'https://issuer.example'
let key: SigningKey
let dir: string
const now = () => 1_800_000_000

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  dir = mkdtempSync(join(tmpdir(), 'status-alloc-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const testbed = (over: { file?: string; listSize?: number; store?: IssuerStore } = {}) =>
  createStatusTestbed({ baseUrl: BASE, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now, ...over })

describe('issuer status index allocation', () => {
  it('10,000 allocations give 10,000 distinct indices spread uniformly over a 100,000-entry list', async () => {
    const t = await testbed()
    const idxs: number[] = []
    const uris = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const a = await t.allocate({ credentialId: `c${i}`, person: `p${i % 10}` })
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
    await t.close()
  })

  it('fills a list completely, then opens a new one', async () => {
    const t = await testbed({ listSize: 16 })
    const seen = new Set<string>()
    for (let i = 0; i < 40; i++) {
      const a = await t.allocate({ credentialId: `c${i}`, person: 'p' })
      seen.add(`${a.uri}#${a.idx}`)
      expect(a.idx).toBeLessThan(16)
    }
    expect(seen.size).toBe(40)
    expect(t.service.listIds()).toHaveLength(3)
    await t.close()
  })

  it('concurrent issuances in one process never draw the same index', async () => {
    const t = await testbed({ listSize: 64 })
    const refs = await Promise.all(Array.from({ length: 60 }, (_, i) => t.allocate({ credentialId: `c${i}`, person: `p${i % 3}` })))
    expect(new Set(refs.map((r) => `${r.uri}#${r.idx}`)).size).toBe(60)
    expect(t.service.listIds()).toHaveLength(1)
    await t.close()
  })

  it('a restart never reuses an index, and statuses survive it', async () => {
    const file = join(dir, 'restart', 'issuer.db')
    const seen = new Set<string>()
    const take = async (t: Awaited<ReturnType<typeof testbed>>, from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const a = await t.allocate({ credentialId: `c${i}`, person: `p${i % 10}` })
        const k = `${a.uri}#${a.idx}`
        expect(seen.has(k), k).toBe(false)
        seen.add(k)
      }
    }
    // A file database with synchronous=FULL: one fsync per issuance, so small lists here.
    const first = await testbed({ file, listSize: 64 })
    await take(first, 0, 50)
    expect(await first.service.setPersonStatus(await first.person('p3'), 'invalid')).toBe(5)
    const listId = first.service.listIds()[0]
    await first.close()

    const second = await testbed({ file, listSize: 64 })
    expect(second.service.listIds()).toEqual([listId])
    await take(second, 50, 70) // fills the first list (14 left, drawn among the free ones) and opens a second
    expect(second.service.listIds()).toHaveLength(2)
    expect(seen.size).toBe(120)
    let invalid = 0
    for (const id of second.service.listIds()) {
      const token = await second.service.tokenFor(id)
      const v = await verifyStatusListToken(token.jwt, { expectedSub: second.service.uriOf(id), now: now(), resolveKey: async () => key.publicJwk })
      for (let i = 0; i < v.list.size; i++) if (v.list.get(i) === 1) invalid++
    }
    expect(invalid).toBe(5 + 7) // p3's 5 entries before the restart; its 7 new entries start revoked
    await second.close()
  })

  it('two instances sharing one database never allocate the same index (a taken index is drawn again)', async () => {
    const file = join(dir, 'shared', 'issuer.db')
    const a = await testbed({ file, listSize: 64 })
    await a.allocate({ credentialId: 'first', person: 'p' })
    const b = await testbed({ file, listSize: 64 })
    const seen = new Set<string>()
    for (let i = 0; i < 63; i++) {
      const r = await (i % 2 === 0 ? a : b).allocate({ credentialId: `c${i}`, person: 'p' })
      seen.add(`${r.uri}#${r.idx}`)
    }
    expect(seen.size).toBe(63)
    expect(a.service.listIds()).toHaveLength(1)
    await a.close()
    await b.close()
  })

  it('allocates a batch in one commit; a refused commit leaves nothing and frees the drawn indices', async () => {
    const file = join(dir, 'batch', 'issuer.db')
    const t = await testbed({ file, listSize: 16 })
    const started = performance.now()
    const batch = await t.allocateMany(Array.from({ length: 40 }, (_, i) => ({ credentialId: `b${i}`, person: 'p' })))
    expect(performance.now() - started).toBeLessThan(1000)
    expect(new Set(batch.map((r) => `${r.uri}#${r.idx}`)).size).toBe(40)
    expect(t.service.listIds()).toHaveLength(3)
    const lastList = t.service.listIds()[2] as string
    const before = await t.store.statusEntries(lastList)
    expect(before).toHaveLength(8)
    // The commit step refuses (here: an expired nonce): nothing is written, the 8 drawn indices are free again.
    const personId = await t.person('p')
    const refused = t.service.allocate(8, async (refs) => {
      const r = await t.store.issueBatch({
        tokenHash: 'none',
        nonceHash: 'none',
        nonceExpiresAt: now(),
        personId,
        entries: refs.map((x, i) => ({ listId: x.listId, idx: x.idx, credentialId: `x${i}` })),
        records: refs.map((x, i) => ({ credentialId: `x${i}`, personId, kid: 'k', statusIdx: x.idx, statusUri: x.uri, issuedAt: now(), expiresAt: now() })),
        now: now(),
      })
      if (!r.ok) throw Object.assign(new Error(r.reason), { code: r.reason })
      return { ok: true, value: refs, status: r.status }
    })
    await expect(refused).rejects.toMatchObject({ code: 'nonce_invalid' })
    expect(await t.store.statusEntries(lastList)).toEqual(before)
    expect((await t.store.listCredentials(personId)).map((c) => c.credentialId).filter((id) => id.startsWith('x'))).toEqual([])
    await t.allocateMany(Array.from({ length: 8 }, (_, i) => ({ credentialId: `y${i}`, person: 'p' })))
    expect(t.service.listIds()).toHaveLength(3) // the freed indices filled the last list
    await t.close()
    const again = await testbed({ file, listSize: 16 })
    expect(again.service.listIds()).toHaveLength(3)
    await again.close()
  })

  it('an issuance whose index is taken by another instance eight times in a row: 503 status_allocation_failed, nothing written', async () => {
    // A store that, like a crowded shared database, reports every drawn index as already taken (index_taken).
    const real = openIssuerSqliteStore(':memory:')
    let commits = 0
    const store = Object.assign(Object.create(real) as typeof real, {
      issueBatch: async (input: Parameters<typeof real.issueBatch>[0]) => {
        commits++
        const first = input.entries[0] as { listId: string; idx: number }
        return { ok: false as const, reason: 'index_taken' as const, listId: first.listId, idx: first.idx }
      },
    })
    const t = await testbed({ store, listSize: 64 })
    await expect(t.allocate({ credentialId: 'c', person: 'p' })).rejects.toMatchObject({ code: 'status_allocation_failed' })
    expect(commits).toBe(8)
    expect(await real.statusEntries(t.service.listIds()[0] as string)).toEqual([])
    await t.close()
    await real.close()
  })

  it('rejects a list size that is not a positive multiple of 8', async () => {
    const store = openIssuerSqliteStore(':memory:')
    for (const listSize of [0, 12, 100.5]) {
      await expect(createStatusService({ store, baseUrl: BASE, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now, listSize })).rejects.toMatchObject({
        code: 'invalid_request',
      })
    }
    await store.close()
  })
})
