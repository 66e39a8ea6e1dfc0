// The issuer's key material: authority root, issuing keys (rotated, all published), registrar root and signing key.
// Created on first start, persisted, reloaded on restart (DESIGN.md "Keys").
import { mkdirSync } from 'node:fs'
import type { JWK } from 'jose'
import { exportSigningKey, generateSigningKey, importPublicJwk, importSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { certificatePublicJwk, createRootCertificate, issueCertificate, issuerSan, subjectAltNames } from '../../shared/x509/index.ts'
import { KeyFiles } from './key-files.ts'
import type { KeyManifest } from './key-files.ts'

const YEAR = 365 * 86400
const ROOT_YEARS = 20
const LEAF_YEARS = 3

/** A private key with its certificate (base64 DER). */
export interface CertifiedKey {
  key: SigningKey
  cert: string
}

/** Loaded key material. Public parts of retired issuing keys stay published. */
export interface AuthorityKeys {
  authorityRoot: CertifiedKey
  issuing: CertifiedKey
  registrarRoot: CertifiedKey
  registrarSigning: CertifiedKey
  /** Every issuing key ever used (current last): public JWK with kid/alg/use and its certificate. */
  publishedIssuing: { publicJwk: JWK; cert: string }[]
  /** Generates a new issuing key certified by the authority root, makes it current, keeps the old one published. */
  rotate(): Promise<string>
}

/** Names in the certificates: the authority and registrar display names, and the credential issuer identifier. */
export interface AuthorityNames {
  authority: string
  registrar: string
  /** The credential issuer identifier (`iss`): the issuing certificate's SAN URI (and DNS name where the host is one). */
  issuerUrl: string
}

/**
 * Loads the key material under `dir`, creating it on first start; `now` is epoch seconds. A new issuing
 * key is rotated in at start when the current issuing certificate would expire before a credential
 * issued now (`credentialLifetimeSeconds`), so every `x5c` chain outlives its credential, or when it does
 * not name `names.issuerUrl` in its SAN (a data folder from before, or a changed issuer URL: peers such as
 * Credo refuse an `x5c` leaf that does not name `iss`). Old keys stay published.
 */
export async function loadAuthorityKeys(
  dir: string,
  names: AuthorityNames,
  now: () => number,
  credentialLifetimeSeconds = YEAR,
): Promise<AuthorityKeys> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const files = new KeyFiles(dir)
  let manifest = files.hasManifest() ? files.readManifest() : await createManifest(files, names, now())
  const load = async (kid: string, cert: string): Promise<CertifiedKey> => ({ key: await importSigningKey(files.readPrivate(kid), 'ES256'), cert })
  const authorityRoot = await load(manifest.authorityRoot.kid, manifest.authorityRoot.cert)
  const registrarRoot = await load(manifest.registrarRoot.kid, manifest.registrarRoot.cert)
  const registrarSigning = await load(manifest.registrarSigning.kid, manifest.registrarSigning.cert)
  const issuingEntry = manifest.issuing.find((e) => e.kid === manifest.currentIssuingKid)
  if (!issuingEntry) throw new Error('keys.json: current issuing kid is not listed')

  const state: AuthorityKeys = {
    authorityRoot,
    registrarRoot,
    registrarSigning,
    issuing: await load(issuingEntry.kid, issuingEntry.cert),
    publishedIssuing: await publish(manifest),
    async rotate() {
      const t = now()
      const key = await generateSigningKey('ES256')
      const cert = await certify(key, authorityRoot, `${names.authority} issuing key ${key.kid.slice(0, 8)}`, t, issuerSan(names.issuerUrl))
      files.writePrivate(key.kid, await exportSigningKey(key))
      manifest = { ...manifest, issuing: [...manifest.issuing, { kid: key.kid, cert, createdAt: t }], currentIssuingKid: key.kid }
      files.writeManifest(manifest)
      state.issuing = { key, cert }
      state.publishedIssuing = await publish(manifest)
      return key.kid
    },
  }
  const expiresTooSoon = issuingEntry.createdAt + LEAF_YEARS * YEAR - now() < credentialLifetimeSeconds
  if (expiresTooSoon || !namesIssuer(issuingEntry.cert, names.issuerUrl)) await state.rotate()
  return state

}

/** The published issuing keys, from their certificates: retired private keys are not read (the kid is their thumbprint). */
async function publish(m: KeyManifest): Promise<{ publicJwk: JWK; cert: string }[]> {
  return Promise.all(m.issuing.map(async (e) => ({ publicJwk: { ...(await certificatePublicJwk(e.cert)), kid: e.kid, alg: 'ES256', use: 'sig', x5c: [e.cert] }, cert: e.cert })))
}

/** True when the certificate's SAN holds `issuerUrl` as a URI. */
function namesIssuer(cert: string, issuerUrl: string): boolean {
  return subjectAltNames(cert).uri.includes(issuerUrl)
}

async function createManifest(files: KeyFiles, names: AuthorityNames, t: number): Promise<KeyManifest> {
  const authorityRoot = await createRoot(`${names.authority} Root CA`, t)
  const registrarRoot = await createRoot(`${names.registrar} Registrar Root CA`, t)
  const issuing = await generateSigningKey('ES256')
  const registrarSigning = await generateSigningKey('ES256')
  const issuingCert = await certify(issuing, authorityRoot, `${names.authority} issuing key ${issuing.kid.slice(0, 8)}`, t, issuerSan(names.issuerUrl))
  const registrarCert = await certify(registrarSigning, registrarRoot, `${names.registrar} registration signer`, t)
  for (const k of [authorityRoot.key, registrarRoot.key, issuing, registrarSigning]) files.writePrivate(k.kid, await exportSigningKey(k))
  const manifest: KeyManifest = {
    version: 1,
    authorityRoot: { kid: authorityRoot.key.kid, cert: authorityRoot.cert, createdAt: t },
    issuing: [{ kid: issuing.kid, cert: issuingCert, createdAt: t }],
    currentIssuingKid: issuing.kid,
    registrarRoot: { kid: registrarRoot.key.kid, cert: registrarRoot.cert, createdAt: t },
    registrarSigning: { kid: registrarSigning.kid, cert: registrarCert, createdAt: t },
  }
  files.writeManifest(manifest)
  return manifest
}

async function createRoot(name: string, t: number): Promise<CertifiedKey> {
  const key = await generateSigningKey('ES256')
  const publicKey = await importPublicJwk(stripMeta(key.publicJwk), 'ES256')
  const cert = await createRootCertificate({
    name,
    keys: { publicKey, privateKey: key.privateKey },
    notBefore: new Date((t - 86400) * 1000),
    notAfter: new Date((t + ROOT_YEARS * YEAR) * 1000),
    pathLength: 0,
  })
  return { key, cert }
}

async function certify(key: SigningKey, root: CertifiedKey, subject: string, t: number, san?: { dns: string[]; uri: string[] }): Promise<string> {
  return issueCertificate({
    subject,
    ...(san ? { san } : {}),
    subjectPublicKey: stripMeta(key.publicJwk),
    issuerCert: root.cert,
    issuerKey: root.key.privateKey,
    notBefore: new Date((t - 86400) * 1000),
    notAfter: new Date((t + LEAF_YEARS * YEAR) * 1000),
  })
}

function stripMeta(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }
}
