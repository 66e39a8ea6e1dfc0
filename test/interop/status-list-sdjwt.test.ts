import { StatusList, getListFromStatusListJWT, getStatusListFromJWT } from '@sd-jwt/jwt-status-list'
import express from 'express'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import { decodeStatusList, encodeStatusList, signStatusListToken, verifyStatusListToken } from '../../shared/status-list/index.ts'
import { createStatusTestbed } from '../support/status-testbed.ts'

/** A 100,000-entry 2-bit list with a spread of INVALID, SUSPENDED and the application-specific 3. */
function sampleStatuses(): Uint8Array {
  const s = new Uint8Array(100_000)
  for (let i = 0; i < s.length; i += 97) s[i] = 1
  for (let i = 5; i < s.length; i += 1013) s[i] = 2
  s[99_999] = 3
  return s
}

describe('interop with @sd-jwt/jwt-status-list 0.19.0', () => {
  it('reads a Status List Token we sign with the same statuses', async () => {
    const key = await generateSigningKey('ES256')
    const statuses = sampleStatuses()
    const jwt = await signStatusListToken({
      sub: 'https://issuer.example/status-lists/1', iat: 1_800_000_000, exp: 1_800_086_400, ttl: 300,
      list: encodeStatusList(statuses, 2), signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid },
    })
    const theirs = getListFromStatusListJWT(jwt)
    expect(theirs.getBitsPerStatus()).toBe(2)
    expect(theirs.statusList.length).toBe(statuses.length)
    for (let i = 0; i < statuses.length; i++) if (theirs.getStatus(i) !== statuses[i]) expect.fail(`index ${i} differs`)
  })

  it('reads the token our issuer serves over HTTP, after revocations and suspensions', async () => {
    const key = await generateSigningKey('ES256')
    const app = express()
    const server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const t = await createStatusTestbed({ baseUrl: base, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid }, now: () => 1_800_000_000 })
    const service = t.service
    app.use(service.router)
    try {
      const refs = await t.allocateMany(Array.from({ length: 300 }, (_, i) => ({ credentialId: `c${i}`, person: `p${i % 30}` })))
      await service.setPersonStatus(await t.person('p1'), 'invalid')
      await service.setPersonStatus(await t.person('p2'), 'suspended')
      await service.setCredentialStatus('c0', 'invalid')
      const uri = refs[0]!.uri
      const jwt = await (await fetch(uri)).text()
      const ours = (await verifyStatusListToken(jwt, { expectedSub: uri, now: 1_800_000_001, resolveKey: async () => key.publicJwk })).list
      const theirs = getListFromStatusListJWT(jwt)
      expect(theirs.statusList.length).toBe(ours.size)
      for (let i = 0; i < ours.size; i++) if (theirs.getStatus(i) !== ours.get(i)) expect.fail(`index ${i} differs`)
      const expected = (i: number) => (i === 0 || i % 30 === 1 ? 1 : i % 30 === 2 ? 2 : 0)
      refs.forEach((r, i) => expect(theirs.getStatus(r.idx), `c${i}`).toBe(expected(i)))
    } finally {
      await t.close()
      await new Promise((r) => server.close(r))
    }
  })

  it('we decode a list they compress, and read their Referenced Token status claim', async () => {
    const statuses = Array.from(sampleStatuses())
    const theirs = new StatusList(statuses, 2)
    const ours = decodeStatusList({ bits: 2, lst: theirs.compressStatusList() })
    for (let i = 0; i < statuses.length; i++) if (ours.get(i) !== statuses[i]) expect.fail(`index ${i} differs`)

    const key = await generateSigningKey('EdDSA')
    const uri = 'https://issuer.example/status-lists/9'
    const referenced = signJwsCompact({ typ: 'JWT' }, { status: { status_list: { idx: 5, uri } } }, key.privateKey, 'EdDSA')
    expect(getStatusListFromJWT(referenced)).toEqual({ idx: 5, uri })
    const token = await signStatusListToken({
      sub: uri, iat: 1_800_000_000, exp: 1_800_000_600, ttl: 60, list: { bits: 2, lst: theirs.compressStatusList() },
      signer: { alg: 'EdDSA', privateKey: key.privateKey },
    })
    const v = await verifyStatusListToken(token, { expectedSub: uri, now: 1_800_000_001, resolveKey: async () => key.publicJwk })
    expect(v.list.get(5)).toBe(2)
  })
})
