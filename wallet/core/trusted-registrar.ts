// Loads the trusted registrar root certificate(s) from a file or URL: PEM (one or more) or base64 DER.
import { EidError } from '../../shared/errors/index.ts'
import { fetchLimited } from './fetch-limited.ts'
import type { FetchLimits } from './fetch-limited.ts'
import { parseCertificates, readCertificates } from './root-certificates.ts'
import type { UrlPolicy } from './url-policy.ts'

const WHAT = 'trusted registrar certificate'

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
    return parseCertificates(res.text, WHAT)
  }
  return readCertificates(source, WHAT)
}
