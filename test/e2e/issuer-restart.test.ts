// E2E: a second app over the same data folder serves the same keys and certificates, and refuses codes already used.
import { describe, expect, it } from 'vitest'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { ADMIN_TOKEN, accessToken, credentialRequest, enroll, holderKey, nonce, postJson, proofJwt, startIssuer, tempDataDir, tokenRequest } from './issuer-harness.ts'

const get = async (url: string) => (await fetch(url)).json()

describe('issuer restart', () => {
  it('keeps keys, certificates and single-use state; rotation adds a key and keeps the old one published', async () => {
    const dataDir = tempDataDir()
    const first = await startIssuer({ dataDir })
    const e = await enroll(first.url)
    expect((await tokenRequest(first.url, e.code, e.tx_code)).status).toBe(200)
    const unused = await enroll(first.url)
    const jwks1 = (await get(`${first.url}/.well-known/jwt-vc-issuer`)) as { jwks: { keys: { kid: string }[] } }
    const pki1 = await get(`${first.url}/pki`)
    await first.close()

    const keyDir = join(dataDir, 'issuer', 'keys')
    expect(statSync(join(keyDir, 'private')).mode & 0o777).toBe(0o700)
    for (const k of jwks1.jwks.keys.filter((j) => !j.kid.startsWith('bbs-'))) expect(statSync(join(keyDir, 'private', `${k.kid}.jwk`)).mode & 0o777).toBe(0o600)
    expect(statSync(join(keyDir, 'bbs-issuer-key.json')).mode & 0o777).toBe(0o600) // the BBS key (pid_bbs)
    expect(statSync(join(dataDir, 'issuer', 'issuer.db')).mode & 0o777).toBe(0o600)

    const second = await startIssuer({ dataDir })
    try {
      // the issuer URL (port) changed, so compare keys and certificates, not the `issuer` member
      expect(((await get(`${second.url}/.well-known/jwt-vc-issuer`)) as typeof jwks1).jwks).toEqual(jwks1.jwks)
      expect(await get(`${second.url}/pki`)).toEqual(pki1)
      const replay = await tokenRequest(second.url, e.code, e.tx_code)
      expect(replay.body.code).toBe('pre_authorized_code_invalid')
      expect((await tokenRequest(second.url, unused.code, unused.tx_code)).status).toBe(200)

      const rotated = await postJson(`${second.url}/admin/keys/rotate`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
      expect(rotated.status).toBe(201)
      const jwks2 = (await get(`${second.url}/.well-known/jwt-vc-issuer`)) as typeof jwks1
      expect(jwks2.jwks.keys.map((k) => k.kid)).toEqual([...jwks1.jwks.keys.map((k) => k.kid), rotated.body.kid])
      const token = await accessToken(second.url)
      const r = await credentialRequest(second.url, token, [await proofJwt(await holderKey(), { aud: second.url, nonce: await nonce(second.url) })])
      const header = JSON.parse(Buffer.from(((r.body.credentials as { credential: string }[])[0]?.credential ?? '').split('.')[0] ?? '', 'base64url').toString()) as { kid: string }
      expect(header.kid).toBe(rotated.body.kid)
    } finally {
      await second.close()
    }
  })
  it('rotates the issuing key on start when its certificate would expire before a new credential', async () => {
    const dataDir = tempDataDir()
    const t0 = Math.floor(Date.now() / 1000)
    const first = await startIssuer({ dataDir, now: () => t0 })
    const kid1 = first.issuer.keys.issuing.key.kid
    await first.close()
    const sameYear = await startIssuer({ dataDir, now: () => t0 + 300 * 86400 })
    expect(sameYear.issuer.keys.issuing.key.kid).toBe(kid1)
    await sameYear.close()
    const later = await startIssuer({ dataDir, now: () => t0 + 2.5 * 365 * 86400 })
    try {
      expect(later.issuer.keys.issuing.key.kid).not.toBe(kid1)
      expect(later.issuer.keys.publishedIssuing.map((k) => k.publicJwk.kid)).toEqual([kid1, later.issuer.keys.issuing.key.kid])
    } finally {
      await later.close()
    }
  })
})
