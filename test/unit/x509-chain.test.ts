// shared/x509 verifyCertificateChain: a valid path, then one rejection test per check, each asserting its code.
import type { CryptoKey } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRootCertificate, issueCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(globalThis.crypto)
type KeyPair = { publicKey: CryptoKey; privateKey: CryptoKey }
const day = 86_400_000
const notBefore = new Date(Date.UTC(2026, 0, 1))
const notAfter = new Date(notBefore.getTime() + 365 * day)
const now = new Date(notBefore.getTime() + 30 * day)
const ec = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<KeyPair>
const ecdsa = { name: 'ECDSA', hash: 'SHA-256' }

let rootKeys: KeyPair
let root: string
let intKeys: KeyPair
let int: string
let leafKeys: KeyPair
let leaf: string

/** A certificate built directly with @peculiar/x509, for shapes our issuer refuses to produce. */
async function rawCert(opts: { subject: string; issuer: string; publicKey: CryptoKey; signingKey: CryptoKey; extensions: x509.Extension[]; notBefore?: Date; notAfter?: Date }): Promise<string> {
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01', subject: opts.subject, issuer: opts.issuer, publicKey: opts.publicKey, signingKey: opts.signingKey,
    notBefore: opts.notBefore ?? notBefore, notAfter: opts.notAfter ?? notAfter, signingAlgorithm: ecdsa, extensions: opts.extensions,
  })
  return Buffer.from(cert.rawData).toString('base64')
}

beforeAll(async () => {
  rootKeys = await ec()
  root = await createRootCertificate({ name: 'Registrar Root', keys: rootKeys, notBefore, notAfter })
  intKeys = await ec()
  int = await issueCertificate({ subject: 'Registrar CA 1', subjectPublicKey: intKeys.publicKey, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter, ca: { pathLength: 0 } })
  leafKeys = await ec()
  leaf = await issueCertificate({ subject: 'Demo Shop', subjectPublicKey: leafKeys.publicKey, issuerCert: int, issuerKey: intKeys.privateKey, notBefore, notAfter, san: { dns: ['shop.example'] } })
})

describe('verifyCertificateChain accepts', () => {
  it('leaf + intermediate chaining to a trusted root, returning the leaf key as JWK', async () => {
    const r = await verifyCertificateChain([leaf, int], [root], now)
    const expected = await crypto.subtle.exportKey('jwk', leafKeys.publicKey)
    expect(r.leafPublicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expected.x, y: expected.y })
    expect(r.leaf.subject).toBe('CN=Demo Shop')
    expect(r.leaf.dns).toEqual(['shop.example'])
  })

  it('a chain that includes the trusted root itself', async () => {
    await expect(verifyCertificateChain([leaf, int, root], [root], now)).resolves.toBeDefined()
  })

  it('a leaf issued directly by the root, among several trusted roots', async () => {
    const otherKeys = await ec()
    const other = await createRootCertificate({ name: 'Other Root', keys: otherKeys, notBefore, notAfter })
    const direct = await issueCertificate({ subject: 'Direct', subjectPublicKey: leafKeys.publicKey, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([direct], [other, root], now)).resolves.toBeDefined()
  })
})

describe('verifyCertificateChain rejects', () => {
  it('an empty x5c: x5c_invalid', async () => {
    await expect(verifyCertificateChain([], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })

  it('an x5c longer than the limit: x5c_invalid', async () => {
    await expect(verifyCertificateChain([leaf, int, int, int, int, int], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })

  it('base64url instead of base64: x5c_invalid', async () => {
    const b64url = Buffer.from(leaf, 'base64').toString('base64url')
    await expect(verifyCertificateChain([b64url, int], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })

  it('bytes that are not a certificate: x5c_invalid', async () => {
    await expect(verifyCertificateChain([Buffer.from('hello world!').toString('base64')], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })

  it('a chain to a root that is not trusted: x5c_untrusted', async () => {
    const otherKeys = await ec()
    const other = await createRootCertificate({ name: 'Registrar Root', keys: otherKeys, notBefore, notAfter })
    await expect(verifyCertificateChain([leaf, int], [other], now)).rejects.toMatchObject({ code: 'x5c_untrusted' })
  })

  it('an untrusted root appended to the chain: x5c_untrusted', async () => {
    const fakeKeys = await ec()
    const fakeRoot = await createRootCertificate({ name: 'Fake Root', keys: fakeKeys, notBefore, notAfter })
    const fakeLeaf = await issueCertificate({ subject: 'Evil', subjectPublicKey: leafKeys.publicKey, issuerCert: fakeRoot, issuerKey: fakeKeys.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([fakeLeaf, fakeRoot], [root], now)).rejects.toMatchObject({ code: 'x5c_untrusted' })
  })

  it('a leaf whose signature is not by its issuer: x5c_signature_invalid', async () => {
    const forged = await issueCertificate({ subject: 'Forged', subjectPublicKey: leafKeys.publicKey, issuerCert: int, issuerKey: (await ec()).privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([forged, int], [root], now)).rejects.toMatchObject({ code: 'x5c_signature_invalid' })
  })

  it('certificates out of order (issuer name mismatch): x5c_invalid', async () => {
    const otherInt = await issueCertificate({ subject: 'Registrar CA 2', subjectPublicKey: intKeys.publicKey, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter, ca: {} })
    await expect(verifyCertificateChain([leaf, otherInt], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })

  it('an expired leaf: certificate_expired', async () => {
    const old = await issueCertificate({ subject: 'Old', subjectPublicKey: leafKeys.publicKey, issuerCert: int, issuerKey: intKeys.privateKey, notBefore, notAfter: new Date(now.getTime() - day) })
    await expect(verifyCertificateChain([old, int], [root], now)).rejects.toMatchObject({ code: 'certificate_expired' })
  })

  it('an expired intermediate: certificate_expired', async () => {
    await expect(verifyCertificateChain([leaf, int], [root], new Date(notAfter.getTime() + day))).rejects.toMatchObject({ code: 'certificate_expired' })
  })

  it('an expired trusted root: certificate_expired', async () => {
    const k = await ec()
    const shortRoot = await createRootCertificate({ name: 'Short Root', keys: k, notBefore, notAfter: new Date(now.getTime() - day) })
    const l = await issueCertificate({ subject: 'L', subjectPublicKey: leafKeys.publicKey, issuerCert: shortRoot, issuerKey: k.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([l], [shortRoot], now)).rejects.toMatchObject({ code: 'certificate_expired' })
  })

  it('a leaf not yet valid: certificate_not_yet_valid', async () => {
    const future = await issueCertificate({ subject: 'Future', subjectPublicKey: leafKeys.publicKey, issuerCert: int, issuerKey: intKeys.privateKey, notBefore: new Date(now.getTime() + day), notAfter })
    await expect(verifyCertificateChain([future, int], [root], now)).rejects.toMatchObject({ code: 'certificate_not_yet_valid' })
  })

  it('an issuer that is not a CA: x5c_not_ca', async () => {
    const eeKeys = await ec()
    const ee = await issueCertificate({ subject: 'Not A CA', subjectPublicKey: eeKeys.publicKey, issuerCert: root, issuerKey: rootKeys.privateKey, notBefore, notAfter })
    const below = await issueCertificate({ subject: 'Below', subjectPublicKey: leafKeys.publicKey, issuerCert: ee, issuerKey: eeKeys.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([below, ee], [root], now)).rejects.toMatchObject({ code: 'x5c_not_ca' })
  })

  it('a CA whose key usage lacks keyCertSign: x5c_not_ca', async () => {
    const k = await ec()
    const ca = await rawCert({
      subject: 'CN=Signing Only CA', issuer: 'CN=Registrar Root', publicKey: k.publicKey, signingKey: rootKeys.privateKey,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    })
    const below = await issueCertificate({ subject: 'Below', subjectPublicKey: leafKeys.publicKey, issuerCert: ca, issuerKey: k.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([below, ca], [root], now)).rejects.toMatchObject({ code: 'x5c_not_ca' })
  })

  it('more intermediates than a path length allows: x5c_path_length_exceeded', async () => {
    // int has pathLength 0, so a second CA below it may not issue the leaf.
    const k2 = await ec()
    const int2 = await issueCertificate({ subject: 'Sub CA', subjectPublicKey: k2.publicKey, issuerCert: int, issuerKey: intKeys.privateKey, notBefore, notAfter, ca: {} })
    const l = await issueCertificate({ subject: 'Deep', subjectPublicKey: leafKeys.publicKey, issuerCert: int2, issuerKey: k2.privateKey, notBefore, notAfter })
    await expect(verifyCertificateChain([l, int2, int], [root], now)).rejects.toMatchObject({ code: 'x5c_path_length_exceeded' })
  })

  it('a CA certificate as leaf: x5c_leaf_invalid', async () => {
    await expect(verifyCertificateChain([int], [root], now)).rejects.toMatchObject({ code: 'x5c_leaf_invalid' })
  })

  it('a leaf whose key usage lacks digitalSignature: x5c_leaf_invalid', async () => {
    const l = await rawCert({
      subject: 'CN=Encipher Only', issuer: 'CN=Registrar CA 1', publicKey: leafKeys.publicKey, signingKey: intKeys.privateKey,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyAgreement, true)],
    })
    await expect(verifyCertificateChain([l, int], [root], now)).rejects.toMatchObject({ code: 'x5c_leaf_invalid' })
  })

  it('an unknown critical extension: x5c_invalid', async () => {
    const l = await rawCert({
      subject: 'CN=Odd', issuer: 'CN=Registrar CA 1', publicKey: leafKeys.publicKey, signingKey: intKeys.privateKey,
      extensions: [new x509.Extension('1.3.6.1.4.1.99999.1', true, new Uint8Array([0x05, 0x00]))],
    })
    await expect(verifyCertificateChain([l, int], [root], now)).rejects.toMatchObject({ code: 'x5c_invalid' })
  })
})
