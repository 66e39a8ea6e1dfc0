// issuer/status with several instances started together on one store (WORKERS=n on a fresh data folder): each opens
// its own list on its first issuance, and every instance serves every list, including one created after it started.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { STATUS, verifyStatusListToken } from '../../shared/status-list/index.ts'
import { openIssuerSqliteStore } from '../../shared/store/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'

const BASE = 'https://issuer.example'
const now = () => 1_800_000_000
let key: SigningKey
let dir: string

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  dir = mkdtempSync(join(tmpdir(), 'status-instances-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('issuer status lists across instances', () => {
  it('two instances started before any issuance each serve the list the other opened afterwards', async () => {
    const file = join(dir, 'issuer.db')
    const signer = { alg: 'ES256' as const, privateKey: key.privateKey, kid: key.kid }
    const a = await createStatusTestbed({ baseUrl: BASE, signer, now, file, listSize: 64 })
    const b = await createStatusTestbed({ baseUrl: BASE, signer, now, file, listSize: 64 })
    const fromA = await a.allocate({ credentialId: 'a1', person: 'pa' })
    const fromB = await b.allocate({ credentialId: 'b1', person: 'pb' })
    await a.service.setCredentialStatus('b1', 'invalid')
    for (const [server, ref, status] of [[b, fromA, STATUS.VALID], [a, fromB, STATUS.INVALID], [a, fromA, STATUS.VALID]] as const) {
      const token = await server.service.tokenFor(ref.listId)
      const v = await verifyStatusListToken(token.jwt, { expectedSub: ref.uri, now: now(), resolveKey: async () => key.publicJwk })
      expect(v.list.get(ref.idx)).toBe(status)
    }
    await a.close()
    await b.close()
  })

  it('requests for unknown lists read the stored list records at most once a second, and answer not_found', async () => {
    const real = openIssuerSqliteStore(':memory:')
    let reads = 0
    const store = Object.assign(Object.create(real) as typeof real, {
      statusLists: async () => {
        reads++
        return real.statusLists()
      },
    })
    const t = await createStatusTestbed({ baseUrl: BASE, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now, store })
    const before = reads
    const answers = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => t.service.tokenFor(`unknown-${i}`)))
    for (const a of answers) expect(a).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } })
    expect(reads - before).toBe(1)
    await t.close()
    await real.close()
  })
})
