// draft-ietf-oauth-sd-jwt-vc §3.5: the x5c leaf certificate must name the issuer it signs for.
import { EidError } from '../errors/index.ts'

/**
 * A leaf certificate naming subject alternative names must name the issuer (a URI equal to `iss`, or a
 * DNS name equal to its host). A leaf without SANs is accepted unless `required`: its root is configured for this
 * one issuer (a root trusted for many issuers sets `required`). Throws `issuer_certificate_mismatch`.
 */
export function checkLeafNamesIssuer(leaf: { dns: string[]; uri: string[] }, issuer: string, opts: { required?: boolean } = {}): void {
  if (leaf.dns.length === 0 && leaf.uri.length === 0) {
    if (opts.required) throw new EidError('issuer_certificate_mismatch', 'the credential certificate names no issuer')
    return
  }
  const host = new URL(issuer).hostname
  if (leaf.uri.includes(issuer) || leaf.dns.includes(host)) return
  throw new EidError('issuer_certificate_mismatch', 'the credential certificate names another issuer')
}
