// Status epochs (issue 15, revocation without linkage): changes are recorded at once but the served token changes only at
// epoch boundaries, all of an epoch's changes together; iat is the boundary, ttl the epoch, Cache-Control runs out at the
// next boundary; a restart or a second instance on the same store serves the same content for the epoch.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenCacheControl } from '../../issuer/status/token-cache.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { verifyStatusListCwt, verifyStatusListToken } from '../../shared/status-list/index.ts'
import { openIssuerSqliteStore } from '../../shared/store/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'
import type { StatusTestbed } from '../support/status-testbed.ts'

const E = 900
/** An epoch boundary. */
const B0 = 1_800_000_000 - (1_800_000_000 % E)

let key: SigningKey
let dir: string
let clock = B0 + 10
const now = (): number => clock

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  dir = mkdtempSync(join(tmpdir(), 'status-epochs-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const bed = (file: string, store?: Parameters<typeof createStatusTestbed>[0]['store']): Promise<StatusTestbed> =>
  createStatusTestbed({ file, ...(store ? { store } : {}), baseUrl: 'https://issuer.example', signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now, epochSeconds: E })

/** The served token of the list of `uri`, verified, and the statuses at `idxs`. */
async function served(t: StatusTestbed, uri: string, idxs: number[]) {
  const id = uri.split('/').at(-1) as string
  const token = await t.service.tokenFor(id)
  const v = await verifyStatusListToken(token.jwt, { expectedSub: uri, now: clock, resolveKey: async () => key.publicJwk })
  // the CWT form of the epoch carries the same statuses and times
  const c = await verifyStatusListCwt(token.cwt, { expectedSub: uri, now: clock, resolveKey: async () => key.publicJwk })
  expect({ iat: c.iat, exp: c.exp, ttl: c.ttl, statuses: idxs.map((i) => c.list.get(i)) }).toEqual({ iat: v.iat, exp: v.exp, ttl: v.ttl, statuses: idxs.map((i) => v.list.get(i)) })
  return { token, v, statuses: idxs.map((i) => v.list.get(i)) }
}

describe('status epochs', () => {
  it('two revocations in one epoch appear in the same published token, and not before the boundary', async () => {
    clock = B0 + 10
    const t = await bed(join(dir, 'two.db'))
    const [a, b] = await t.allocateMany([
      { credentialId: 'a1', person: 'alice' },
      { credentialId: 'b1', person: 'bob' },
    ])
    if (!a || !b) throw new Error('not allocated')
    const first = await served(t, a.uri, [a.idx, b.idx])
    expect(first.statuses).toEqual([0, 0])
    expect(first.v.iat).toBe(B0)
    expect(first.v.ttl).toBe(E)
    expect(first.v.exp).toBeGreaterThanOrEqual(B0 + E)

    clock = B0 + 20
    expect(await t.service.setPersonStatus(await t.person('alice'), 'invalid')).toBe(1)
    clock = B0 + 500
    expect(await t.service.setCredentialStatus('b1', 'invalid')).toBe(true)
    clock = B0 + E - 1
    const late = await served(t, a.uri, [a.idx, b.idx])
    expect(late.token.jwt).toBe(first.token.jwt) // the very same token all epoch long
    expect(late.statuses).toEqual([0, 0])
    expect(tokenCacheControl(late.token, clock)).toBe('public, max-age=1') // caches let go of it at the boundary

    clock = B0 + E
    const next = await served(t, a.uri, [a.idx, b.idx])
    expect(next.statuses).toEqual([1, 1]) // both at once
    expect(next.v.iat).toBe(B0 + E)
    expect(next.token.etag).not.toBe(first.token.etag)
    expect(tokenCacheControl(next.token, clock + 100)).toBe(`public, max-age=${E - 100}`)
    await t.close()
  })

  it('an acknowledged revocation is durable: after a restart within the epoch it is still not published early, and in force after the boundary', async () => {
    clock = B0 + 10
    const file = join(dir, 'restart.db')
    const t1 = await bed(file)
    const c = await t1.allocate({ credentialId: 'c1', person: 'carol' })
    expect((await served(t1, c.uri, [c.idx])).statuses).toEqual([0])
    clock = B0 + 30
    await t1.service.setCredentialStatus('c1', 'invalid') // acknowledged: committed
    await t1.close()

    clock = B0 + 40
    const t2 = await bed(file) // a restarted issuer (or another instance on the same store)
    expect((await served(t2, c.uri, [c.idx])).statuses).toEqual([0])
    clock = B0 + E + 1
    expect((await served(t2, c.uri, [c.idx])).statuses).toEqual([1])
    await t2.close()
  })

  it('a suspension lifted within the same epoch is never published; one lifted in the next epoch shows for exactly one epoch', async () => {
    clock = B0 + 10
    const store = openIssuerSqliteStore(join(dir, 'flip.db'))
    const t = await bed('', store)
    const d = await t.allocate({ credentialId: 'd1', person: 'dan' })
    const person = await t.person('dan')
    clock = B0 + 100
    await t.service.setPersonStatus(person, 'suspended')
    clock = B0 + 200
    await t.service.setPersonStatus(person, 'valid')
    clock = B0 + E + 5
    expect((await served(t, d.uri, [d.idx])).statuses).toEqual([0])

    await t.service.setPersonStatus(person, 'suspended')
    clock = B0 + 2 * E + 5
    await t.service.setPersonStatus(person, 'valid')
    expect((await served(t, d.uri, [d.idx])).statuses).toEqual([2])
    clock = B0 + 3 * E
    expect((await served(t, d.uri, [d.idx])).statuses).toEqual([0])
    await t.close()
    await store.close()
  })
})
