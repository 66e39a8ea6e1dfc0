// shared/x509: root and certificate creation (extensions, SAN, key types) and the x509_hash value.
import type { CryptoKey } from 'jose'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { certificateHash, createRootCertificate, issueCertificate, parseCertificate } from '../../shared/x509/index.ts'
import * as x509 from '@peculiar/x509'

type KeyPair = { publicKey: CryptoKey; privateKey: CryptoKey }
const day = 86_400_000
const notBefore = new Date(Date.UTC(2026, 0, 1))
const notAfter = new Date(notBefore.getTime() + 365 * day)
const ec = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<KeyPair>

describe('createRootCertificate', () => {
  it('creates a self-signed CA with keyCertSign and critical basic constraints', async () => {
    const keys = await ec()
    const der = await createRootCertificate({ name: 'Test Registrar Root', keys, notBefore, notAfter, pathLength: 1 })
    const cert = parseCertificate(der)
    expect(cert.subject).toBe('CN=Test Registrar Root')
    expect(await cert.isSelfSigned()).toBe(true)
    const bc = cert.getExtension(x509.BasicConstraintsExtension)
    expect(bc?.ca).toBe(true)
    expect(bc?.critical).toBe(true)
    expect(bc?.pathLength).toBe(1)
    const ku = cert.getExtension(x509.KeyUsagesExtension)
    expect((ku?.usages ?? 0) & x509.KeyUsageFlags.keyCertSign).toBeTruthy()
  })

  it('rejects a name that looks like a distinguished name but does not parse as one', async () => {
    for (const name of ['Zz=1', 'a=b,c']) {
      await expect(createRootCertificate({ name, keys: await ec(), notBefore, notAfter })).rejects.toMatchObject({ code: 'invalid_request' })
    }
  })

  it('rejects notBefore after notAfter', async () => {
    await expect(createRootCertificate({ name: 'r', keys: await ec(), notBefore: notAfter, notAfter: notBefore })).rejects.toMatchObject({ code: 'invalid_request' })
  })
})

describe('issueCertificate', () => {
  it('issues an end-entity certificate for a JWK with digitalSignature and SAN', async () => {
    const rootKeys = await ec()
    const root = await createRootCertificate({ name: 'Root', keys: rootKeys, notBefore, notAfter })
    const leafKeys = await ec()
    const jwk = await crypto.subtle.exportKey('jwk', leafKeys.publicKey)
    const der = await issueCertificate({
      subject: 'Demo Shop', subjectPublicKey: jwk, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter,
      san: { dns: ['shop.example'], uri: ['https://shop.example/'] },
    })
    const cert = parseCertificate(der)
    expect(cert.issuer).toBe('CN=Root')
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false)
    expect(cert.getExtension(x509.KeyUsagesExtension)?.usages).toBe(x509.KeyUsageFlags.digitalSignature)
    const names = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items.map((n) => `${n.type}:${n.value}`)
    expect(names).toEqual(['dns:shop.example', 'url:https://shop.example/'])
    expect(await cert.verify({ publicKey: parseCertificate(root).publicKey, signatureOnly: true })).toBe(true)
  })

  it('issues Ed25519 certificates', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as KeyPair
    const root = await createRootCertificate({ name: 'Ed Root', keys, notBefore, notAfter })
    const leaf = await issueCertificate({ subject: 'Ed Leaf', subjectPublicKey: keys.publicKey, issuerCert: root, issuerKey: keys.privateKey, notBefore, notAfter })
    expect(await parseCertificate(leaf).verify({ publicKey: parseCertificate(root).publicKey, signatureOnly: true })).toBe(true)
  })

  it('refuses a private JWK as subject key', async () => {
    const rootKeys = await ec()
    const root = await createRootCertificate({ name: 'Root', keys: rootKeys, notBefore, notAfter })
    const priv = await crypto.subtle.exportKey('jwk', rootKeys.privateKey)
    await expect(issueCertificate({ subject: 'x', subjectPublicKey: priv, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter }))
      .rejects.toMatchObject({ code: 'invalid_request' })
  })

  it('refuses an invalid SAN DNS name', async () => {
    const rootKeys = await ec()
    const root = await createRootCertificate({ name: 'Root', keys: rootKeys, notBefore, notAfter })
    await expect(issueCertificate({ subject: 'x', subjectPublicKey: rootKeys.publicKey, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter, san: { dns: ['bad name'] } }))
      .rejects.toMatchObject({ code: 'invalid_request' })
  })
})

describe('certificateHash', () => {
  it('is base64url SHA-256 of the DER bytes, unpadded', async () => {
    const keys = await ec()
    const root = await createRootCertificate({ name: 'Root', keys, notBefore, notAfter })
    const expected = createHash('sha256').update(Buffer.from(root, 'base64')).digest('base64url')
    expect(certificateHash(root)).toBe(expected)
    expect(certificateHash(root)).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('rejects input that is not base64 DER', () => {
    expect(() => certificateHash('not*base64')).toThrow(expect.objectContaining({ code: 'x5c_invalid' }))
  })
})
