// Reads the extensions a path check needs (RFC 5280 §4.2): basic constraints, key usage, SAN; rejects unknown critical ones.
import { isIP } from 'node:net'
import { EidError } from '../errors/index.ts'
import { parseCertificate } from './der.ts'
import { x509 } from './provider.ts'

/** Extensions this module understands; an unknown extension marked critical fails the path (RFC 5280 §4.2). */
const KNOWN = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '2.5.29.32', // certificatePolicies (accepted, no policy processing)
])

export interface CertificateFacts {
  ca: boolean
  pathLength: number | undefined
  /** Key usage bits, or undefined when the extension is absent (all usages allowed). */
  keyUsage: number | undefined
  dns: string[]
  uri: string[]
}

/** Extracts the facts used by chain verification; throws x5c_invalid on an unknown critical extension. */
export function certificateFacts(cert: x509.X509Certificate, what: string): CertificateFacts {
  for (const ext of cert.extensions) {
    if (ext.critical && !KNOWN.has(ext.type)) throw new EidError('x5c_invalid', `${what} has an unsupported critical extension`)
  }
  const bc = cert.getExtension(x509.BasicConstraintsExtension)
  const ku = cert.getExtension(x509.KeyUsagesExtension)
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension)
  const names = san?.names.items ?? []
  return {
    ca: bc?.ca === true,
    pathLength: bc?.pathLength,
    keyUsage: ku?.usages,
    dns: names.filter((n) => n.type === 'dns').map((n) => n.value),
    uri: names.filter((n) => n.type === 'url').map((n) => n.value),
  }
}

/** True when the key usage extension is absent or sets `flag`. */
export function allowsUsage(facts: CertificateFacts, flag: x509.KeyUsageFlags): boolean {
  return facts.keyUsage === undefined || (facts.keyUsage & flag) !== 0
}

/** The subject alternative names (DNS names and URIs) of a base64 DER certificate; x5c_invalid when it does not parse. */
export function subjectAltNames(certB64Der: string): { dns: string[]; uri: string[] } {
  const facts = certificateFacts(parseCertificate(certB64Der, 'certificate'), 'certificate')
  return { dns: facts.dns, uri: facts.uri }
}

/**
 * The SAN an issuing certificate carries for credential issuer `issuerUrl` (draft-ietf-oauth-sd-jwt-vc
 * §3.5): the URI itself, and its host as a DNS name when the host is one (not an IP literal).
 */
export function issuerSan(issuerUrl: string): { dns: string[]; uri: string[] } {
  const host = new URL(issuerUrl).hostname
  const isIp = isIP(host.replace(/^\[|\]$/g, '')) !== 0
  return { uri: [issuerUrl], dns: isIp ? [] : [host] }
}
