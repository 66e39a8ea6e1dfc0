// Certificates issued by a CA: intermediate CAs (basicConstraints cA, keyCertSign) or end entities (digitalSignature, SAN), RFC 5280 §4.2.
import type { CryptoKey, JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import { importCertifiablePublicKey, signingAlgorithmFor } from './algorithms.ts'
import { parseCertificate, toBase64Der } from './der.ts'
import { toDistinguishedName } from './name.ts'
import { x509 } from './provider.ts'
import { checkValidity } from './root.ts'
import { randomSerialNumber } from './serial.ts'

export interface IssueCertificateInput {
  /** Display name (becomes `CN=<name>`) or an RFC 4514 distinguished name. */
  subject: string
  subjectPublicKey: CryptoKey | JWK
  /** The issuing CA's certificate, base64 DER. */
  issuerCert: string
  /** The issuing CA's private key. */
  issuerKey: CryptoKey
  notBefore: Date
  notAfter: Date
  san?: { dns?: string[]; uri?: string[] }
  /** Present: issue a CA certificate (with an optional path length); absent: an end-entity certificate. */
  ca?: { pathLength?: number }
}

const MAX_SAN_ENTRIES = 16

/** Issues a certificate for `subjectPublicKey` signed by `issuerKey`; returns base64 DER. */
export async function issueCertificate(input: IssueCertificateInput): Promise<string> {
  checkValidity(input.notBefore, input.notAfter)
  const issuer = parseCertificate(input.issuerCert, 'issuerCert')
  const publicKey = await importCertifiablePublicKey(input.subjectPublicKey)
  const extensions: x509.Extension[] = input.ca
    ? [
        new x509.BasicConstraintsExtension(true, input.ca.pathLength, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ]
    : [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ]
  const san = sanNames(input.san)
  if (san.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(san, false))
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(publicKey))
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey))
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: toDistinguishedName(input.subject, 'subject'),
    issuer: issuer.subjectName,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    publicKey,
    signingKey: input.issuerKey,
    signingAlgorithm: signingAlgorithmFor(input.issuerKey),
    extensions,
  })
  return toBase64Der(cert)
}

function sanNames(san: IssueCertificateInput['san']): x509.JsonGeneralName[] {
  const dns = san?.dns ?? []
  const uri = san?.uri ?? []
  if (dns.length + uri.length > MAX_SAN_ENTRIES) throw new EidError('invalid_request', `san holds more than ${MAX_SAN_ENTRIES} names`)
  for (const d of dns) {
    if (typeof d !== 'string' || !/^[A-Za-z0-9*]([A-Za-z0-9-.]{0,252})$/.test(d)) throw new EidError('invalid_request', 'san.dns holds an invalid name')
  }
  for (const u of uri) {
    if (typeof u !== 'string' || !URL.canParse(u)) throw new EidError('invalid_request', 'san.uri holds an invalid URI')
  }
  return [...dns.map((value) => ({ type: 'dns' as const, value })), ...uri.map((value) => ({ type: 'url' as const, value }))]
}
