// Loads the trusted registrar root certificate(s) from a file or URL: PEM (one or more) or base64 DER.
import { readFile } from 'node:fs/promises'
import { EidError } from '../../shared/errors/index.ts'
import { parseCertificate } from '../../shared/x509/index.ts'
import { fetchLimited } from './fetch-limited.ts'
import type { FetchLimits } from './fetch-limited.ts'
import type { UrlPolicy } from './url-policy.ts'

/** Extracts base64 DER certificates from PEM text, or accepts a bare base64 DER certificate. */
export function parseCertificates(text: string): string[] {
  const pem = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ''))
  const certs = pem.length > 0 ? pem : [text.trim()]
  for (const [i, c] of certs.entries()) parseCertificate(c, `trusted registrar certificate ${i + 1}`)
  if (certs.length > 8) throw new EidError('input_too_large', 'more than 8 trusted registrar certificates')
  return certs
}

/**
 * Reads the trusted registrar root: `source` is an http(s) URL (fetched under the URL policy) or a
 * file path. Throws `invalid_request` when none is configured.
 */
export async function loadTrustedRegistrar(source: string | undefined, policy: UrlPolicy, limits: FetchLimits): Promise<string[]> {
  if (source === undefined || source.length === 0) {
    throw new EidError('invalid_request', 'no trusted registrar configured (WALLET_TRUSTED_REGISTRAR: root certificate file or URL)')
  }
  if (/^https?:\/\//i.test(source)) {
    const res = await fetchLimited(source, 'trusted registrar root', policy, limits)
    if (res.status !== 200) throw new EidError('upstream_fetch_failed', `trusted registrar root: HTTP ${res.status}`)
    return parseCertificates(res.text)
  }
  let text: string
  try {
    text = await readFile(source, 'utf8')
  } catch (cause) {
    throw new EidError('invalid_request', 'trusted registrar root file could not be read', { cause })
  }
  return parseCertificates(text)
}
