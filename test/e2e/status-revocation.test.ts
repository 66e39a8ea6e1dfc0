import express from 'express'
import type { ErrorRequestHandler } from 'express'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toErrorResponse } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { createBoundedFetcher } from '../../shared/http-fetch/index.ts'
import { createStatusChecker } from '../../shared/status-check/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'
import type { StatusTestbed } from '../support/status-testbed.ts'

// The issuer's status service on a real HTTP server and the verifier's checker fetching from it:
// the revocation path of the system without the credential formats around it.
let key: SigningKey
let server: Server
let issuer: string
let t: StatusTestbed
let clock = 1_800_000_000
const now = () => clock
const TTL = 30

const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  const { status, body } = toErrorResponse(err)
  res.status(status).json(body)
}

beforeAll(async () => {
  key = await generateSigningKey('EdDSA')
  const app = express()
  server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t = await createStatusTestbed({ baseUrl: issuer, signer: { alg: 'EdDSA', privateKey: key.privateKey, kid: key.kid }, now, ttlSeconds: TTL })
  app.use(t.service.router)
  app.use(t.service.adminRouter)
  app.use(errors)
})
afterAll(async () => {
  await t.close()
  await new Promise((r) => server.close(r))
})

describe('revocation across issuer and verifier', () => {
  it('revoke, suspend and reinstate reach the verifier once its cached list expires', async () => {
    const batch = await t.allocateMany(['a', 'b', 'c'].map((c) => ({ credentialId: `cred-${c}`, person: 'person-1' })))
    const bystander = await t.allocate({ credentialId: 'cred-z', person: 'person-2' })
    const person1 = await t.person('person-1')
    const checker = createStatusChecker({ now, fetch: createBoundedFetcher({ timeoutMs: 5000, maxBytes: 2 * 1024 * 1024 }), resolveIssuerKey: async (iss, header) => {
      expect(iss).toBe(issuer)
      expect(header.kid).toBe(key.kid)
      return key.publicJwk
    } })
    const check = (ref: { idx: number; uri: string }) => checker.check({ issuer, status: { status_list: ref } })
    const post = (path: string) => fetch(`${issuer}${path}`, { method: 'POST' })

    for (const ref of batch) await check(ref)

    expect((await post(`/admin/persons/${person1}/suspend`)).status).toBe(200)
    await check(batch[0]!) // still cached by the verifier
    clock += TTL
    for (const ref of batch) await expect(check(ref)).rejects.toMatchObject({ code: 'credential_suspended' })
    await check(bystander)

    expect((await post(`/admin/persons/${person1}/reinstate`)).status).toBe(200)
    clock += TTL
    for (const ref of batch) await check(ref)

    expect((await post('/admin/credentials/cred-b/revoke')).status).toBe(200)
    expect((await post(`/admin/persons/${person1}/revoke`)).status).toBe(200)
    clock += TTL
    for (const ref of batch) await expect(check(ref)).rejects.toMatchObject({ code: 'credential_revoked' })
    await check(bystander)
    expect((await post(`/admin/persons/${person1}/reinstate`)).status).toBe(409)
  })
})
