// E2E: a second app over the same data folder serves the same keys and certificates, and refuses codes already used.
import { describe, expect, it } from 'vitest'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { JWK } from 'jose'
import { importSigningKey } from '../../shared/keys/index.ts'
import { issueCertificate, subjectAltNames } from '../../shared/x509/index.ts'
import { loadAuthorityKeys } from '../../issuer/keys/authority-keys.ts'
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
    await new Promise((r) => setTimeout(r, 100)) // let fetch's pool see its keep-alive sockets to the old server close: the port is reused

    const keyDir = join(dataDir, 'issuer', 'keys')
    expect(statSync(join(keyDir, 'private')).mode & 0o777).toBe(0o700)
    for (const k of jwks1.jwks.keys.filter((j) => !j.kid.startsWith('bbs-'))) expect(statSync(join(keyDir, 'private', `${k.kid}.jwk`)).mode & 0o777).toBe(0o600)
    expect(statSync(join(keyDir, 'bbs-issuer-key.json')).mode & 0o777).toBe(0o600) // the BBS key (pid_bbs)
    expect(statSync(join(dataDir, 'issuer', 'issuer.db')).mode & 0o777).toBe(0o600)

    const second = await startIssuer({ dataDir, port: Number(new URL(first.url).port) }) // same issuer URL: same keys
    try {
      expect(((await get(`${second.url}/.well-known/jwt-vc-issuer`)) as typeof jwks1).jwks).toEqual(jwks1.jwks)
      expect(await get(`${second.url}/pki`)).toEqual(pki1)
      const replay = await tokenRequest(second.url, e.code, e.tx_code)
      expect(replay.body.code).toBe('pre_authorized_code_invalid')
      expect((await tokenRequest(second.url, unused.code, unused.tx_code)).status).toBe(200)

      const rotated = await postJson(`${second.url}/admin/keys/rotate`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
      expect(rotated.status).toBe(201)
      const jwks2 = (await get(`${second.url}/.well-known/jwt-vc-issuer`)) as typeof jwks1
      // every key stays published and the new one joins (JWKS order carries no meaning: RFC 7517 §5)
      expect(jwks2.jwks.keys.map((k) => k.kid).sort()).toEqual([...jwks1.jwks.keys.map((k) => k.kid), rotated.body.kid].sort())
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
    const port = Number(new URL(first.url).port)
    await first.close()
    const sameYear = await startIssuer({ dataDir, port, now: () => t0 + 300 * 86400 })
    expect(sameYear.issuer.keys.issuing.key.kid).toBe(kid1)
    await sameYear.close()
    const later = await startIssuer({ dataDir, port, now: () => t0 + 2.5 * 365 * 86400 })
    try {
      expect(later.issuer.keys.issuing.key.kid).not.toBe(kid1)
      expect(later.issuer.keys.publishedIssuing.map((k) => k.publicJwk.kid)).toEqual([kid1, later.issuer.keys.issuing.key.kid])
      const current = later.issuer.keys.issuing
      expect(later.issuer.keys.publishedIssuing.at(-1)).toEqual({ publicJwk: { ...current.key.publicJwk, use: 'sig', x5c: [current.cert] }, cert: current.cert })
    } finally {
      await later.close()
    }
    // a retired key is published from its certificate: its private key file is not read at start
    rmSync(join(dataDir, 'issuer', 'keys', 'private', `${kid1}.jwk`))
    const again = await startIssuer({ dataDir, port, now: () => t0 + 2.5 * 365 * 86400 })
    try {
      expect(again.issuer.keys.publishedIssuing.map((k) => k.publicJwk.kid)).toEqual([kid1, again.issuer.keys.issuing.key.kid])
    } finally {
      await again.close()
    }
  })

  it('the issuing certificate names the credential issuer in its SAN: URI, and DNS where the host is a name', async () => {
    const run = await startIssuer()
    try {
      const cert = run.issuer.keys.issuing.cert
      expect(subjectAltNames(cert)).toEqual({ uri: [run.url], dns: [] }) // 127.0.0.1: an IP literal is no DNS name
    } finally {
      await run.close()
    }
    const named = await loadAuthorityKeys(join(tempDataDir(), 'keys'), { authority: 'A', registrar: 'A', issuerUrl: 'https://id.example.gov/pid' }, () => Math.floor(Date.now() / 1000))
    expect(subjectAltNames(named.issuing.cert)).toEqual({ uri: ['https://id.example.gov/pid'], dns: ['id.example.gov'] })
  })
  it('a data folder whose issuing certificate does not name the issuer rotates at start to one that does; the old key stays published', async () => {
    const dataDir = tempDataDir()
    const first = await startIssuer({ dataDir })
    const kid1 = first.issuer.keys.issuing.key.kid
    await first.close()
    // a data folder from before SANs: the current issuing certificate is replaced by one without any
    const keyDir = join(dataDir, 'issuer', 'keys')
    const manifest = JSON.parse(readFileSync(join(keyDir, 'keys.json'), 'utf8')) as { issuing: { kid: string; cert: string }[]; authorityRoot: { kid: string; cert: string } }
    const rootKey = await importSigningKey(JSON.parse(readFileSync(join(keyDir, 'private', `${manifest.authorityRoot.kid}.jwk`), 'utf8')) as JWK, 'ES256')
    const issuingKey = await importSigningKey(JSON.parse(readFileSync(join(keyDir, 'private', `${kid1}.jwk`), 'utf8')) as JWK, 'ES256')
    const t = Date.now()
    const oldCert = await issueCertificate({
      subject: 'old issuing key', subjectPublicKey: { kty: 'EC', crv: 'P-256', x: issuingKey.publicJwk.x, y: issuingKey.publicJwk.y },
      issuerCert: manifest.authorityRoot.cert, issuerKey: rootKey.privateKey, notBefore: new Date(t - 86400_000), notAfter: new Date(t + 3 * 365 * 86400_000),
    })
    manifest.issuing = manifest.issuing.map((e) => (e.kid === kid1 ? { ...e, cert: oldCert } : e))
    writeFileSync(join(keyDir, 'keys.json'), JSON.stringify(manifest))
    expect(subjectAltNames(oldCert)).toEqual({ uri: [], dns: [] })

    const second = await startIssuer({ dataDir })
    try {
      const kid2 = second.issuer.keys.issuing.key.kid
      expect(kid2).not.toBe(kid1)
      expect(subjectAltNames(second.issuer.keys.issuing.cert).uri).toEqual([second.url])
      expect(second.issuer.keys.publishedIssuing.map((k) => k.publicJwk.kid)).toEqual([kid1, kid2])
    } finally {
      await second.close()
    }
  })
})
