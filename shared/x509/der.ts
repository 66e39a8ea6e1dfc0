// Base64 DER certificates (the `x5c` encoding, RFC 7515 §4.1.6): strict decoding with size limits.
import { EidError } from '../errors/index.ts'
import { x509 } from './provider.ts'

/** Largest accepted DER certificate, in bytes. */
export const MAX_CERTIFICATE_BYTES = 8192

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Decodes standard base64 (not base64url) DER; throws x5c_invalid on anything else. */
export function decodeCertificateDer(certB64Der: unknown, what = 'certificate'): Uint8Array {
  if (typeof certB64Der !== 'string' || certB64Der.length === 0 || certB64Der.length % 4 !== 0 || !BASE64.test(certB64Der)) {
    throw new EidError('x5c_invalid', `${what} must be standard base64 DER`)
  }
  if (certB64Der.length > Math.ceil(MAX_CERTIFICATE_BYTES / 3) * 4) {
    throw new EidError('x5c_invalid', `${what} exceeds ${MAX_CERTIFICATE_BYTES} bytes`)
  }
  return new Uint8Array(Buffer.from(certB64Der, 'base64'))
}

/** Parses a base64 DER certificate; throws x5c_invalid when it is not a well-formed X.509 certificate. */
export function parseCertificate(certB64Der: unknown, what = 'certificate'): x509.X509Certificate {
  const der = decodeCertificateDer(certB64Der, what)
  try {
    const cert = new x509.X509Certificate(der)
    // The names are decoded lazily, then re-encoded when compared (DER) or printed (RFC 4514): both are done once here,
    // so a name that decodes but cannot be re-encoded (a bit flip can turn a PrintableString tag into UTCTime) is
    // refused at parse, not met later as a plain Error.
    for (const name of [cert.subjectName, cert.issuerName]) {
      name.toArrayBuffer()
      name.toString()
    }
    return cert
  } catch (cause) {
    throw new EidError('x5c_invalid', `${what} is not a valid X.509 certificate`, { cause })
  }
}

/** Base64 DER of a parsed certificate, as carried in `x5c`. */
export function toBase64Der(cert: x509.X509Certificate): string {
  return Buffer.from(cert.rawData).toString('base64')
}
