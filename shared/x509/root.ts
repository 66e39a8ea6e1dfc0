// Self-signed root CA certificates (RFC 5280 §4.2.1.9 basicConstraints cA, §4.2.1.3 keyCertSign).
import type { CryptoKey } from 'jose'
import { EidError } from '../errors/index.ts'
import { signingAlgorithmFor } from './algorithms.ts'
import { toBase64Der } from './der.ts'
import { toDistinguishedName } from './name.ts'
import { x509 } from './provider.ts'
import { randomSerialNumber } from './serial.ts'

export interface RootCertificateInput {
  /** Display name (becomes `CN=<name>`) or an RFC 4514 distinguished name. */
  name: string
  keys: { publicKey: CryptoKey; privateKey: CryptoKey }
  notBefore: Date
  notAfter: Date
  /** Maximum number of intermediate CAs below the root; unlimited when absent. */
  pathLength?: number
}

/** Creates a self-signed CA certificate for `keys`; returns base64 DER. */
export async function createRootCertificate(input: RootCertificateInput): Promise<string> {
  checkValidity(input.notBefore, input.notAfter)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: toDistinguishedName(input.name, 'name'),
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    keys: input.keys,
    signingAlgorithm: signingAlgorithmFor(input.keys.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(true, input.pathLength, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(input.keys.publicKey),
    ],
  })
  return toBase64Der(cert)
}

/** Throws invalid_request unless both dates are valid and notBefore < notAfter. */
export function checkValidity(notBefore: Date, notAfter: Date): void {
  if (!(notBefore instanceof Date) || !(notAfter instanceof Date) || Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new EidError('invalid_request', 'notBefore and notAfter must be valid dates')
  }
  if (notBefore.getTime() >= notAfter.getTime()) throw new EidError('invalid_request', 'notBefore must precede notAfter')
}
