import express from 'express'
import type { ErrorRequestHandler } from 'express'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatusService } from '../../issuer/status/index.ts'
import { toErrorResponse } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { verifyStatusListCwt, verifyStatusListToken } from '../../shared/status-list/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'
import type { StatusTestbed } from '../support/status-testbed.ts'

let key: SigningKey
let dir: string
let clock = 1_800_000_000
const now = () => clock
const servers: Server[] = []

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  dir = mkdtempSync(join(tmpdir(), 'status-routes-'))
})
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  rmSync(dir, { recursive: true, force: true })
})

const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  const { status, body } = toErrorResponse(err)
  res.status(status).json(body)
}

/** A bare express app on 127.0.0.1 with the service's two routers mounted, as the issuer mounts them; `t` issues test credentials. */
async function start(
  file: string,
  over: Partial<Omit<Parameters<typeof createStatusTestbed>[0], 'file'>> = {},
): Promise<{ s: StatusService; t: StatusTestbed; base: string }> {
  const app = express()
  const server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  servers.push(server)
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const t = await createStatusTestbed({ file, baseUrl: base, signer: () => ({ alg: 'ES256', privateKey: key.privateKey, kid: key.kid }), now, ttlSeconds: 60, ...over })
  const s = t.service
  app.use(s.router)
  app.use(express.json())
  app.use(s.adminRouter)
  app.use(errors)
  return { s, t, base }
}

async function statuses(s: StatusService, uri: string, idxs: number[]): Promise<number[]> {
  const res = await fetch(uri, { headers: { accept: 'application/statuslist+jwt' } })
  expect(res.status).toBe(200)
  const v = await verifyStatusListToken(await res.text(), { expectedSub: uri, now: now(), resolveKey: async () => key.publicJwk })
  return idxs.map((i) => v.list.get(i))
}
const post = (url: string) => fetch(url, { method: 'POST' })

describe('issuer status routes', () => {
  it('serves a verifiable token with its media type, caching and CORS headers', async () => {
    const { s, t } = await start(':memory:')
    const a = await t.allocate({ credentialId: 'cred-1', person: 'person-1' })
    const res = await fetch(a.uri)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/statuslist+jwt')
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const jwt = await res.text()
    const v = await verifyStatusListToken(jwt, { expectedSub: a.uri, now: now(), resolveKey: async () => key.publicJwk })
    expect(v).toMatchObject({ ttl: 60, iat: clock, payload: { sub: a.uri, iss: s.uriOf('x').replace('/status-lists/x', '') } })
    expect(v.list.bits).toBe(2)
    expect(v.list.size).toBe(100_000)
    expect(v.list.get(a.idx)).toBe(0)
    // gzip when asked (fetch asks and inflates), identity otherwise.
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const plain = await fetch(a.uri, { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(jwt)
  })

  it('serves the CWT form to a request that prefers it: own ETag and 304, same Cache-Control, no gzip, same statuses', async () => {
    const { t } = await start(':memory:')
    const a = await t.allocate({ credentialId: 'cred-c', person: 'person-c' })
    const CWT = 'application/statuslist+cwt'
    const jwtRes = await fetch(a.uri, { headers: { accept: 'application/statuslist+jwt' } })
    const jwt = await jwtRes.text()
    for (const accept of [CWT, `${CWT}, application/statuslist+jwt;q=0.9`, `application/statuslist+jwt;q=0.5, ${CWT}`]) {
      const res = await fetch(a.uri, { headers: { accept } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(CWT)
      expect(res.headers.get('content-encoding')).toBeNull() // the list inside is compressed already; gzip would add bytes
      expect(res.headers.get('vary')).toBe('Accept, Accept-Encoding')
      expect(res.headers.get('cache-control')).toBe(jwtRes.headers.get('cache-control'))
      expect(res.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/)
      expect(res.headers.get('etag')).not.toBe(jwtRes.headers.get('etag'))
      const cwt = new Uint8Array(await res.arrayBuffer())
      expect(cwt.length).toBeLessThan(jwt.length)
      const c = await verifyStatusListCwt(cwt, { expectedSub: a.uri, now: now(), resolveKey: async () => key.publicJwk })
      const j = await verifyStatusListToken(jwt, { expectedSub: a.uri, now: now(), resolveKey: async () => key.publicJwk })
      expect(Buffer.from(c.list.bytes).equals(Buffer.from(j.list.bytes))).toBe(true)
      expect({ iat: c.iat, exp: c.exp, ttl: c.ttl }).toEqual({ iat: j.iat, exp: j.exp, ttl: j.ttl })
    }
    const cwtTag = (await fetch(a.uri, { headers: { accept: CWT } })).headers.get('etag') as string
    const again = await fetch(a.uri, { headers: { accept: CWT, 'if-none-match': cwtTag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(cwtTag)
    // each form's tag revalidates only that form
    const crossed = await fetch(a.uri, { headers: { accept: CWT, 'if-none-match': jwtRes.headers.get('etag') as string } })
    expect(crossed.status).toBe(200)
    await crossed.arrayBuffer()
    expect((await fetch(a.uri, { headers: { accept: 'application/statuslist+jwt', 'if-none-match': cwtTag } })).status).toBe(200)
    // no Accept preference (*/*, or none at all): the JWT
    for (const accept of ['*/*', 'application/*', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
      expect((await fetch(a.uri, { headers: { accept } })).headers.get('content-type')).toBe('application/statuslist+jwt')
    }
  })

  it('neither form acceptable: 406 status_list_not_acceptable', async () => {
    const { t } = await start(':memory:')
    const a = await t.allocate({ credentialId: 'cred-n', person: 'person-n' })
    for (const accept of ['application/json', 'application/statuslist+cwt;q=0, application/statuslist+jwt;q=0', 'text/html']) {
      const res = await fetch(a.uri, { headers: { accept } })
      expect(res.status).toBe(406)
      expect(await res.json()).toMatchObject({ code: 'status_list_not_acceptable' })
    }
  })

  it('revoke, suspend and reinstate show in the served token at once', async () => {
    const { s, t, base } = await start(':memory:')
    const [a, b, c] = (await t.allocateMany(['c-a', 'c-b', 'c-c'].map((credentialId) => ({ credentialId, person: credentialId === 'c-c' ? 'other' : 'alice' })))) as unknown as [
      { idx: number; uri: string }, { idx: number; uri: string }, { idx: number; uri: string },
    ]
    const alice = await t.person('alice')
    expect(await statuses(s, a.uri, [a.idx, b.idx, c.idx])).toEqual([0, 0, 0])

    let res = await post(`${base}/admin/persons/${alice}/suspend`)
    expect(await res.json()).toEqual({ person_id: alice, status: 'suspended', changed: 2 })
    expect(await statuses(s, a.uri, [a.idx, b.idx, c.idx])).toEqual([2, 2, 0])

    res = await post(`${base}/admin/persons/${alice}/reinstate`)
    expect(await res.json()).toMatchObject({ changed: 2 })
    expect(await statuses(s, a.uri, [a.idx, b.idx, c.idx])).toEqual([0, 0, 0])

    res = await post(`${base}/admin/credentials/c-b/revoke`)
    expect(await res.json()).toEqual({ credential_id: 'c-b', status: 'invalid', changed: true })
    expect(await statuses(s, a.uri, [a.idx, b.idx, c.idx])).toEqual([0, 1, 0])

    // Suspending the person leaves the revoked credential revoked.
    expect(await (await post(`${base}/admin/persons/${alice}/suspend`)).json()).toMatchObject({ changed: 1 })
    expect(await statuses(s, a.uri, [a.idx, b.idx])).toEqual([2, 1])
    expect(await (await post(`${base}/admin/persons/${alice}/revoke`)).json()).toMatchObject({ changed: 1 })
    expect(await statuses(s, a.uri, [a.idx, b.idx, c.idx])).toEqual([1, 1, 0])
    expect(await s.personStatus(alice)).toBe('invalid')
    // Idempotent.
    expect(await (await post(`${base}/admin/persons/${alice}/revoke`)).json()).toMatchObject({ changed: 0 })
  })

  it('revocation is final: 409 status_change_not_allowed', async () => {
    const { t, base } = await start(':memory:')
    await t.allocate({ credentialId: 'c1', person: 'bob' })
    await t.allocate({ credentialId: 'c2', person: 'carol' })
    const carol = await t.person('carol')
    await post(`${base}/admin/credentials/c1/revoke`)
    for (const url of [`${base}/admin/credentials/c1/reinstate`, `${base}/admin/credentials/c1/suspend`]) {
      const res = await post(url)
      expect(res.status).toBe(409)
      expect(await res.json()).toMatchObject({ code: 'status_change_not_allowed' })
    }
    await post(`${base}/admin/persons/${carol}/revoke`)
    const res = await post(`${base}/admin/persons/${carol}/reinstate`)
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'status_change_not_allowed' })
  })

  it('unknown ids are 404 not_found, malformed ids 400 invalid_request', async () => {
    const { base } = await start(':memory:')
    for (const url of [`${base}/status-lists/nope`, `${base}/status-lists/${'a'.repeat(65)}`, `${base}/status-lists/a%20b`]) {
      const res = await fetch(url)
      expect(res.status, url).toBe(404)
      expect(await res.json()).toMatchObject({ code: 'not_found' })
    }
    for (const url of [`${base}/admin/persons/nobody/revoke`, `${base}/admin/credentials/nothing/suspend`]) {
      const res = await post(url)
      expect(res.status, url).toBe(404)
      expect(await res.json()).toMatchObject({ code: 'not_found' })
    }
    for (const url of [`${base}/admin/persons/${'p'.repeat(129)}/revoke`, `${base}/admin/credentials/a%20b/revoke`, `${base}/admin/persons/%F0%9F%98%80/suspend`]) {
      const res = await post(url)
      expect(res.status, url).toBe(400)
      expect(await res.json()).toMatchObject({ code: 'invalid_request' })
    }
  })

  it('a change for an enrolled person without credentials is recorded, and their next credentials start with it', async () => {
    const { s, t, base } = await start(':memory:')
    const dave = await t.person('dave')
    expect(await (await post(`${base}/admin/persons/${dave}/suspend`)).json()).toMatchObject({ changed: 0 })
    const a = await t.allocate({ credentialId: 'dave-1', person: 'dave' })
    expect(await statuses(s, a.uri, [a.idx])).toEqual([2])
  })

  it('statuses survive a restart and the token is re-signed after ttl', async () => {
    const dataDir = join(dir, 'restart', 'issuer.db')
    const first = await start(dataDir)
    const a = await first.t.allocate({ credentialId: 'k1', person: 'erin' })
    await first.s.setCredentialStatus('k1', 'suspended')
    await first.t.close()
    const second = await start(dataDir, { baseUrl: first.base })
    expect(await statuses(second.s, a.uri, [a.idx])).toEqual([2])
    const t1 = await second.s.tokenFor(second.s.listIds()[0]!)
    clock += 30
    expect((await second.s.tokenFor(second.s.listIds()[0]!)).jwt).toBe(t1.jwt)
    clock += 31
    const t2 = await second.s.tokenFor(second.s.listIds()[0]!)
    expect(t2.iat).toBe(clock)
    expect(t2.exp).toBe(clock + 86_400)
    await second.t.close()
  })

  it('a signer function makes a key rotation take effect at the next signature', async () => {
    const next = await generateSigningKey('EdDSA')
    let current = key
    const { s, t } = await start(':memory:', { signer: () => ({ alg: current.alg, privateKey: current.privateKey, kid: current.kid }) })
    await t.allocate({ credentialId: 'r1', person: 'gina' })
    const id = s.listIds()[0]!
    const before = await s.tokenFor(id)
    expect(JSON.parse(Buffer.from(before.jwt.split('.')[0]!, 'base64url').toString()).kid).toBe(key.kid)
    current = next
    await s.setCredentialStatus('r1', 'suspended')
    const after = await s.tokenFor(id)
    const v = await verifyStatusListToken(after.jwt, { expectedSub: s.uriOf(id), now: now(), resolveKey: async () => next.publicJwk })
    expect(v.header).toMatchObject({ alg: 'EdDSA', kid: next.kid })
  })

  it('concurrent requests for a stale list share one read of the store and one signature', async () => {
    const { s, t } = await start(':memory:')
    await t.allocate({ credentialId: 'c1', person: 'hana' })
    const id = s.listIds()[0]!
    await s.tokenFor(id)
    clock += 61
    let reads = 0
    const statusEntries = t.store.statusEntries.bind(t.store)
    t.store.statusEntries = async (listId) => {
      reads++
      return statusEntries(listId)
    }
    const served = await Promise.all(Array.from({ length: 20 }, () => s.tokenFor(id)))
    expect(reads).toBe(1)
    expect(new Set(served.map((x) => x.jwt)).size).toBe(1)
    expect(served[0]!.iat).toBe(clock)
    await t.close()
  })

  it('another instance sharing the store sees a change within ttl', async () => {
    const dataDir = join(dir, 'instances', 'issuer.db')
    const one = await start(dataDir)
    const a = await one.t.allocate({ credentialId: 'm1', person: 'frank' })
    const two = await start(dataDir, { baseUrl: one.base })
    const id = two.s.listIds()[0]!
    await two.s.tokenFor(id)
    await one.s.setPersonStatus(await one.t.person('frank'), 'invalid')
    clock += 61
    const v = await verifyStatusListToken((await two.s.tokenFor(id)).jwt, { expectedSub: a.uri, now: now(), resolveKey: async () => key.publicJwk })
    expect(v.list.get(a.idx)).toBe(1)
    await one.t.close()
    await two.t.close()
  })
})
