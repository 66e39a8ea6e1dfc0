// The correlation handles the adversary tries: for each credential format, every value a presentation (or the issuer's
// copy of a credential) carries that two presentations might share. A handle maps a token to zero or more values;
// two presentations sharing a value are joined (a hypothesis, scored against the ground truth in score.ts).
import { parseIssuedJwp, parsePresentedJwp } from '../../shared/jwp/index.ts'
import { PID_BBS_CLAIMS } from '../../shared/pid-bbs/index.ts'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import type { DecodedSdJwt } from '../../shared/sdjwt/index.ts'
import type { CredentialFormat, Observation } from './observe.ts'

/** A token taken apart once: the SD-JWT or the JWP, and where it came from. */
export interface Parsed {
  format: CredentialFormat
  /** Present for a presentation a verifier received; absent for a credential as the issuer handed it out. */
  obs?: Observation
  sd?: DecodedSdJwt
  jwp?: { issuerHeaderBytes: Uint8Array; payloads: readonly (Uint8Array | null)[]; proof: readonly Uint8Array[]; presentationIat?: number }
}

export interface Handle {
  name: string
  format: CredentialFormat
  /** What it is, for the report. */
  what: string
  values(p: Parsed): string[]
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url')

export function parseToken(format: CredentialFormat, token: string, obs?: Observation): Parsed {
  if (format === 'sd-jwt') return { format, sd: decodeSdJwt(token), ...(obs ? { obs } : {}) }
  if (obs) {
    const p = parsePresentedJwp(token)
    const iat = p.presentationHeader.iat
    return { format, obs, jwp: { issuerHeaderBytes: p.issuerHeaderBytes, payloads: p.payloads, proof: p.proof, ...(iat !== undefined ? { presentationIat: iat } : {}) } }
  }
  const i = parseIssuedJwp(token)
  return { format, jwp: { issuerHeaderBytes: i.issuerHeaderBytes, payloads: i.payloads, proof: i.proof } }
}

function kbIat(sd: DecodedSdJwt): number | undefined {
  const payload = sd.kbJwt?.split('.')[1]
  if (payload === undefined) return undefined
  const iat = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat?: unknown }).iat
  return typeof iat === 'number' ? iat : undefined
}

/** Every `_sd` digest of the payload, at any depth. */
function digests(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) digests(v, out)
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '_sd' && Array.isArray(v)) out.push(...v.filter((d): d is string => typeof d === 'string'))
      else digests(v, out)
    }
  }
  return out
}

/** `_sd` counts per object, top level first (e.g. "20+5"): the shape of the credential. */
function sdShape(payload: Record<string, unknown>): string {
  const nested = Object.entries(payload)
    .filter(([k, v]) => k !== '_sd' && v !== null && typeof v === 'object')
    .map(([k, v]) => `${k}:${digests(v).length}`)
  return [String(Array.isArray(payload._sd) ? payload._sd.length : 0), ...nested].join('+')
}

const sd = (p: Parsed): DecodedSdJwt => p.sd as DecodedSdJwt
const statusOf = (p: Parsed): { idx?: unknown; uri?: unknown } | undefined => (sd(p).payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list

export const SD_JWT_HANDLES: readonly Handle[] = [
  { name: 'issuer signature', format: 'sd-jwt', what: 'the issuer JWT signature', values: (p) => [sd(p).jwt.split('.')[2] ?? ''] },
  { name: 'holder key (cnf)', format: 'sd-jwt', what: 'cnf.jwk', values: (p) => [JSON.stringify(sd(p).payload.cnf ?? null)] },
  { name: 'digests', format: 'sd-jwt', what: 'any `_sd` digest in common', values: (p) => digests(sd(p).payload) },
  { name: 'salts', format: 'sd-jwt', what: 'any disclosure salt in common', values: (p) => sd(p).disclosures.map((d) => d.salt) },
  { name: '`_sd` count', format: 'sd-jwt', what: 'number of digests per object', values: (p) => [sdShape(sd(p).payload)] },
  { name: 'status index', format: 'sd-jwt', what: 'status_list uri + idx', values: (p) => { const s = statusOf(p); return s ? [`${String(s.uri)}#${String(s.idx)}`] : [] } },
  { name: 'status list', format: 'sd-jwt', what: 'status_list uri', values: (p) => { const s = statusOf(p); return s ? [String(s.uri)] : [] } },
  { name: 'iat/exp', format: 'sd-jwt', what: 'issuer JWT iat and exp', values: (p) => [`${String(sd(p).payload.iat)}/${String(sd(p).payload.exp)}`] },
  { name: 'issuer header', format: 'sd-jwt', what: 'alg, typ, kid, x5c (one per issuer key)', values: (p) => [sd(p).jwt.split('.')[0] ?? ''] },
  { name: 'disclosed values', format: 'sd-jwt', what: 'the disclosed claims', values: (p) => (p.obs ? [JSON.stringify(sd(p).disclosures.map((d) => [d.name, d.value]))] : []) },
  { name: 'clock offset', format: 'sd-jwt', what: 'KB-JWT iat − arrival (s)', values: (p) => { const iat = kbIat(sd(p)); return p.obs && iat !== undefined ? [String(iat - p.obs.arrival)] : [] } },
  { name: 'timing', format: 'sd-jwt', what: 'arrival within the same second', values: (p) => (p.obs ? [String(Math.floor(p.obs.arrivalMs / 1000))] : []) },
]

const EXP_SLOT = PID_BBS_CLAIMS.indexOf('exp')
const jwp = (p: Parsed): NonNullable<Parsed['jwp']> => p.jwp as NonNullable<Parsed['jwp']>

/** Every 8-byte window of `bytes` (two proofs sharing any run of 8 bytes are joined). */
function windows(bytes: Uint8Array | undefined, width = 8): string[] {
  if (bytes === undefined) return []
  const out: string[] = []
  for (let i = 0; i + width <= bytes.length; i++) out.push(Buffer.from(bytes.subarray(i, i + width)).toString('hex'))
  return out
}

export const BBS_HANDLES: readonly Handle[] = [
  { name: 'issuer header', format: 'bbs', what: 'Issuer Header (alg, kid, typ, iss, vct, claims)', values: (p) => [b64(jwp(p).issuerHeaderBytes)] },
  { name: 'disclosed values', format: 'bbs', what: 'disclosed payload slots (age_over_18, exp)', values: (p) => (p.obs ? [jwp(p).payloads.map((s) => (s ? b64(s) : '-')).join('.')] : []) },
  { name: 'exp', format: 'bbs', what: 'the disclosed exp (UTC day)', values: (p) => { const s = jwp(p).payloads[EXP_SLOT]; return s ? [b64(s)] : [] } },
  { name: 'proof bytes', format: 'bbs', what: 'any 8-byte run in common in the BBS proof', values: (p) => (p.obs ? windows(jwp(p).proof[0]) : []) },
  { name: 'pseudonym', format: 'bbs', what: 'the per-service pseudonym', values: (p) => (p.obs && jwp(p).proof[1] ? [b64(jwp(p).proof[1] as Uint8Array)] : []) },
  { name: 'clock offset', format: 'bbs', what: 'presentation header iat − arrival (s)', values: (p) => { const iat = jwp(p).presentationIat; return p.obs && iat !== undefined ? [String(iat - p.obs.arrival)] : [] } },
  { name: 'timing', format: 'bbs', what: 'arrival within the same second', values: (p) => (p.obs ? [String(Math.floor(p.obs.arrivalMs / 1000))] : []) },
]

export function handlesOf(format: CredentialFormat): readonly Handle[] {
  return format === 'sd-jwt' ? SD_JWT_HANDLES : BBS_HANDLES
}
