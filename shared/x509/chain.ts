// Certification path validation for `x5c` chains (RFC 5280 §6.1, simplified: no policies, no name constraints, no CRLs).
import type { CryptoKey, JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import { parseCertificate } from './der.ts'
import { allowsUsage, certificateFacts } from './extensions.ts'
import type { CertificateFacts } from './extensions.ts'
import { publicKeyJwk } from './public-key.ts'
import { x509 } from './provider.ts'

/** Longest accepted `x5c` (leaf plus intermediates, optionally the root). */
export const MAX_CHAIN_LENGTH = 5
const ALLOWED_SIGNATURES = new Set(['ECDSA', 'Ed25519'])

export interface VerifiedChain {
  leafPublicJwk: JWK
  leafPublicKey: CryptoKey
  leaf: { subject: string; notAfter: Date; dns: string[]; uri: string[] }
}

interface PathEntry {
  cert: x509.X509Certificate
  facts: CertificateFacts
  what: string
}

/**
 * Verifies `x5c` (leaf first) against `trustedRoots` (base64 DER) at `now`: every signature, every
 * validity period (including the root's), CA basic constraints and keyCertSign on every issuer, path
 * lengths, and an end-entity leaf allowed to sign. A root included at the end of `x5c` is accepted only
 * when it is byte-identical to a trusted one. Codes: x5c_invalid, x5c_untrusted, x5c_signature_invalid,
 * certificate_expired, certificate_not_yet_valid, x5c_not_ca, x5c_path_length_exceeded, x5c_leaf_invalid.
 */
export async function verifyCertificateChain(x5c: string[], trustedRoots: string[], now: Date): Promise<VerifiedChain> {
  if (!Array.isArray(x5c) || x5c.length === 0) throw new EidError('x5c_invalid', 'x5c must be a non-empty array')
  if (x5c.length > MAX_CHAIN_LENGTH) throw new EidError('x5c_invalid', `x5c holds more than ${MAX_CHAIN_LENGTH} certificates`)
  if (Number.isNaN(now.getTime())) throw new EidError('invalid_request', 'now must be a valid date')
  const chain = x5c.map((c, i) => parseCertificate(c, `x5c[${i}]`))
  const roots = trustedRoots.map((r, i) => parseCertificate(r, `trustedRoots[${i}]`))

  const last = chain[chain.length - 1]
  if (chain.length > 1 && last && roots.some((r) => sameDer(r, last))) chain.pop()
  const anchor = await findAnchor(chain[chain.length - 1] as x509.X509Certificate, roots)

  const path: PathEntry[] = chain.map((cert, i) => ({ cert, facts: certificateFacts(cert, `x5c[${i}]`), what: `x5c[${i}]` }))
  path.push({ cert: anchor, facts: certificateFacts(anchor, 'trusted root'), what: 'trusted root' })

  for (const entry of path) checkValidityAt(entry, now)
  for (let i = 0; i < path.length - 1; i++) {
    await checkIssuedBy(path[i] as PathEntry, path[i + 1] as PathEntry, i)
  }
  const leaf = path[0] as PathEntry
  if (leaf.facts.ca) throw new EidError('x5c_leaf_invalid', 'x5c[0] is a CA certificate, not an end entity')
  if (!allowsUsage(leaf.facts, x509.KeyUsageFlags.digitalSignature)) {
    throw new EidError('x5c_leaf_invalid', 'x5c[0] key usage does not allow digitalSignature')
  }
  const leafPublicKey = await exportLeafKey(leaf.cert)
  const leafPublicJwk = await publicKeyJwk(leafPublicKey)
  return {
    leafPublicJwk,
    leafPublicKey,
    leaf: { subject: leaf.cert.subject, notAfter: leaf.cert.notAfter, dns: leaf.facts.dns, uri: leaf.facts.uri },
  }
}

async function findAnchor(top: x509.X509Certificate, roots: x509.X509Certificate[]): Promise<x509.X509Certificate> {
  for (const root of roots) {
    if (!sameName(root.subjectName, top.issuerName)) continue
    if (await signedBy(top, root)) return root
  }
  throw new EidError('x5c_untrusted', 'x5c does not chain to a trusted root')
}

function checkValidityAt(entry: PathEntry, now: Date): void {
  if (now.getTime() > entry.cert.notAfter.getTime()) throw new EidError('certificate_expired', `${entry.what} has expired`)
  if (now.getTime() < entry.cert.notBefore.getTime()) throw new EidError('certificate_not_yet_valid', `${entry.what} is not yet valid`)
}

/** `child` (at depth `depth`, 0 = leaf) is issued by `issuer`: names, CA constraints, path length, signature. */
async function checkIssuedBy(child: PathEntry, issuer: PathEntry, depth: number): Promise<void> {
  if (!sameName(child.cert.issuerName, issuer.cert.subjectName)) {
    throw new EidError('x5c_invalid', `${child.what} issuer name does not match the next certificate's subject`)
  }
  if (!issuer.facts.ca) throw new EidError('x5c_not_ca', `${issuer.what} is not a CA certificate`)
  if (!allowsUsage(issuer.facts, x509.KeyUsageFlags.keyCertSign)) {
    throw new EidError('x5c_not_ca', `${issuer.what} key usage does not allow keyCertSign`)
  }
  // Intermediates between this issuer and the leaf: depth (RFC 5280 §4.2.1.9 pathLenConstraint).
  if (issuer.facts.pathLength !== undefined && depth > issuer.facts.pathLength) {
    throw new EidError('x5c_path_length_exceeded', `${issuer.what} path length constraint is exceeded`)
  }
  if (!(await signedBy(child.cert, issuer.cert))) {
    throw new EidError('x5c_signature_invalid', `${child.what} signature does not verify with its issuer's key`)
  }
}

async function signedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (!ALLOWED_SIGNATURES.has((cert.signatureAlgorithm as unknown as { name: string }).name)) return false
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true })
  } catch {
    return false
  }
}

async function exportLeafKey(cert: x509.X509Certificate): Promise<CryptoKey> {
  try {
    return await cert.publicKey.export()
  } catch (cause) {
    throw new EidError('x5c_leaf_invalid', 'x5c[0] public key is not a supported key type', { cause })
  }
}

function sameDer(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData))
}

function sameName(a: x509.Name, b: x509.Name): boolean {
  return Buffer.from(a.toArrayBuffer()).equals(Buffer.from(b.toArrayBuffer()))
}
