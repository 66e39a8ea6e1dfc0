// Interop for shared/x509: our certificates checked by OpenSSL (node:crypto X509Certificate, and the openssl CLI when
// present), and certificates made by the openssl CLI verified by verifyCertificateChain.
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CryptoKey } from '../../shared/keys/index.ts'
import { certificateHash, createRootCertificate, issueCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'

const pem = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`
const der = (p: string): string => p.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!hasOpenssl) console.warn('openssl CLI absent: CLI interop tests skipped')

const now = new Date()
const nb = new Date(now.getTime() - 86_400_000)
const na = new Date(now.getTime() + 30 * 86_400_000)
const ec = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<{ publicKey: CryptoKey; privateKey: CryptoKey }>
let dir: string
let root: string
let int: string
let leaf: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'x509-interop-'))
  const rk = await ec()
  root = await createRootCertificate({ name: 'Interop Root', keys: rk, notBefore: nb, notAfter: na, pathLength: 1 })
  const ik = await ec()
  int = await issueCertificate({ subject: 'Interop CA', subjectPublicKey: ik.publicKey, issuerCert: root, issuerKey: rk.privateKey, notBefore: nb, notAfter: na, ca: { pathLength: 0 } })
  const lk = await ec()
  leaf = await issueCertificate({ subject: 'Interop Leaf', subjectPublicKey: lk.publicKey, issuerCert: int, issuerKey: ik.privateKey, notBefore: nb, notAfter: na, san: { dns: ['rp.example'] } })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('our certificates, read by OpenSSL via node:crypto', () => {
  it('parse, chain (checkIssued + verify) and carry the CA / SAN facts', () => {
    const r = new X509Certificate(Buffer.from(root, 'base64'))
    const i = new X509Certificate(Buffer.from(int, 'base64'))
    const l = new X509Certificate(Buffer.from(leaf, 'base64'))
    expect(r.ca).toBe(true)
    expect(i.ca).toBe(true)
    expect(l.ca).toBe(false)
    expect(i.checkIssued(r)).toBe(true)
    expect(l.checkIssued(i)).toBe(true)
    expect(i.verify(r.publicKey)).toBe(true)
    expect(l.verify(i.publicKey)).toBe(true)
    expect(l.subjectAltName).toBe('DNS:rp.example')
    expect(certificateHash(leaf)).toBe(Buffer.from(l.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url'))
  })
})

describe.skipIf(!hasOpenssl)('openssl CLI', () => {
  it('openssl verify accepts our chain', () => {
    writeFileSync(join(dir, 'root.pem'), pem(root))
    writeFileSync(join(dir, 'int.pem'), pem(int))
    writeFileSync(join(dir, 'leaf.pem'), pem(leaf))
    const out = execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'int.pem'), join(dir, 'leaf.pem')]).toString()
    expect(out).toContain('OK')
  })

  it('verifyCertificateChain accepts an openssl-made chain and rejects an openssl CA-less issuer: x5c_not_ca', async () => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=OpenSSL Root', '-days', '2',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ee.key', '-out', 'ee.csr', '-subj', '/CN=OpenSSL Leaf')
    writeFileSync(join(dir, 'ee.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n')
    run('x509', '-req', '-in', 'ee.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'ee.pem', '-days', '1', '-extfile', 'ee.ext')
    const caDer = der(readFileSync(join(dir, 'ca.pem'), 'utf8'))
    const eeDer = der(readFileSync(join(dir, 'ee.pem'), 'utf8'))
    const r = await verifyCertificateChain([eeDer], [caDer], new Date())
    expect(r.leafPublicJwk.kty).toBe('EC')
    // An end-entity certificate (CA:FALSE) used as issuer.
    writeFileSync(join(dir, 'ee2.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n')
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'sub.key', '-out', 'sub.csr', '-subj', '/CN=Below Leaf')
    run('x509', '-req', '-in', 'sub.csr', '-CA', 'ee.pem', '-CAkey', 'ee.key', '-CAcreateserial', '-out', 'sub.pem', '-days', '1', '-extfile', 'ee2.ext')
    const subDer = der(readFileSync(join(dir, 'sub.pem'), 'utf8'))
    await expect(verifyCertificateChain([subDer, eeDer], [caDer], new Date())).rejects.toMatchObject({ code: 'x5c_not_ca' })
  })
})
