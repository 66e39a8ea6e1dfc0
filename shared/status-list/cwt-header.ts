// The COSE headers of a CWT Status List Token (draft-ietf-oauth-status-list-20 §5.2, RFC 9052 §3.1, RFC 9596, RFC 9360):
// typ and alg protected and exact, no crit, kid and x5chain as the key resolver's `kid` and `x5c`.
import { decodeUtf8, isSigningAlg } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import { COSE_ALG, COSE_HEADER } from './cose-sign1.ts'
import type { CoseSign1 } from './cose-sign1.ts'
import { STATUS_LIST_CWT_TYP } from './cwt-sign.ts'
import { invalidList } from './invalid.ts'
import type { StatusListTokenHeader } from './token-options.ts'

const ALG_BY_COSE = new Map<unknown, SigningAlg>(Object.entries(COSE_ALG).map(([name, value]) => [value, name as SigningAlg]))
const MAX_KID_BYTES = 256
const MAX_CERTS = 10
const MAX_CERT_BYTES = 12_288

/**
 * The resolver's view of a COSE_Sign1's headers. `status_list_invalid`: `typ` (protected 16 absent or not
 * `application/statuslist+cwt`, case-insensitive), `alg` (protected 1 not ES256 -7 / EdDSA -8 or not in `algorithms`),
 * `crit` (any critical header: this profile defines none a verifier must understand), `header` (kid not a UTF-8 bstr of
 * at most 256 bytes, x5chain not a bstr or an array of 1-10 bstr).
 */
export function coseStatusListHeader(msg: CoseSign1, algorithms?: readonly SigningAlg[]): StatusListTokenHeader {
  const p = msg.protectedHeader
  const u = msg.unprotectedHeader
  const typ = p.get(COSE_HEADER.typ)
  if (typeof typ !== 'string' || typ.toLowerCase() !== STATUS_LIST_CWT_TYP) {
    throw invalidList('typ', `status list token typ (16) must be ${STATUS_LIST_CWT_TYP} in the protected header`)
  }
  const alg = ALG_BY_COSE.get(p.get(COSE_HEADER.alg))
  if (alg === undefined || !isSigningAlg(alg, algorithms)) throw invalidList('alg', 'status list token alg (1) is not an allowed protected algorithm')
  if (p.has(COSE_HEADER.crit) || u.has(COSE_HEADER.crit)) throw invalidList('crit', 'status list token has critical header parameters')
  const header: StatusListTokenHeader = { alg, typ }
  const kid = p.get(COSE_HEADER.kid) ?? u.get(COSE_HEADER.kid)
  if (kid !== undefined) header.kid = kidText(kid)
  const x5chain = p.get(COSE_HEADER.x5chain) ?? u.get(COSE_HEADER.x5chain)
  if (x5chain !== undefined) header.x5c = certificates(x5chain)
  return header
}

/** kid is a bstr (RFC 9052 §3.1); the issuer's JWKS names keys by text, so it must be that text's UTF-8 bytes. */
function kidText(kid: unknown): string {
  if (!(kid instanceof Uint8Array) || kid.length === 0 || kid.length > MAX_KID_BYTES) throw invalidList('header', 'status list token kid (4) is not a bstr of 1-256 bytes')
  try {
    return decodeUtf8(kid)
  } catch (cause) {
    throw invalidList('header', 'status list token kid (4) is not UTF-8', cause)
  }
}

/** x5chain (RFC 9360 §2): one DER certificate as a bstr, or an array of them; as base64 DER, the JOSE `x5c` form. */
function certificates(x5chain: unknown): string[] {
  const certs = x5chain instanceof Uint8Array ? [x5chain] : x5chain
  if (!Array.isArray(certs) || certs.length === 0 || certs.length > MAX_CERTS) throw invalidList('header', 'status list token x5chain (33) is malformed')
  return certs.map((c: unknown) => {
    if (!(c instanceof Uint8Array) || c.length === 0 || c.length > MAX_CERT_BYTES) throw invalidList('header', 'status list token x5chain (33) is malformed')
    return Buffer.from(c).toString('base64')
  })
}
