// Renders recorded HTTP exchanges as a transcript a researcher can read: method and URL, request and response bodies,
// and every JWT, SD-JWT (issuer JWT, disclosures, KB-JWT), certificate, offer URI and status list in them decoded.
import { decodeProtectedHeader, decodeJwt } from 'jose'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { decodeStatusList } from '../../shared/status-list/index.ts'
import { parseCertificate } from '../../shared/x509/index.ts'
import type { Exchange } from './fetch-recorder.ts'
import { cwtLines } from './transcript-cwt.ts'

const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const SD_JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~/
const CERT = /^MII[A-Za-z0-9+/=]{100,}$/
/** Strings longer than this are elided in the raw bodies (they are decoded below them). */
const ELIDE = 96
/** Arrays of tokens longer than this: the first is decoded in full, the others summarised one line each. */
const FULL_ITEMS = 1

interface Section {
  title: string
  lines: string[]
}

const sub = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`)
const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n')

const elide = (x: string): string =>
  x.length <= ELIDE ? x : `${x.slice(0, 48)}…(${x.length} chars${/^(eyJ|MII|<svg|openid)/.test(x) ? ', decoded below' : ''})`

/** JSON with long strings elided (`"eyJhbGci…" (812 chars)`), one line when it fits, for raw bodies. */
export function elidedJson(v: unknown, ind = ''): string {
  const flat = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? elide(x) : x))
  if (flat === undefined) return String(v)
  if (v === null || typeof v !== 'object' || flat.length + ind.length <= 110) return flat
  const next = `${ind}  `
  if (Array.isArray(v)) return `[\n${v.map((x) => next + elidedJson(x, next)).join(',\n')}\n${ind}]`
  return `{\n${Object.entries(v).map(([k, x]) => `${next}${JSON.stringify(k)}: ${elidedJson(x, next)}`).join(',\n')}\n${ind}}`
}

function certificateLines(b64: string): string[] {
  try {
    const c = parseCertificate(b64)
    return [`subject ${c.subject}`, `issuer  ${c.issuer}`, `valid   ${c.notBefore.toISOString()} .. ${c.notAfter.toISOString()}`, `serial  ${c.serialNumber}`]
  } catch {
    return ['(not a parseable certificate)']
  }
}

function jwtSections(path: string, token: string, out: Section[], depth: number): void {
  let header: unknown
  let payload: Record<string, unknown>
  try {
    header = decodeProtectedHeader(token)
    payload = decodeJwt(token)
  } catch {
    return
  }
  const typ = (header as { typ?: string }).typ ?? 'JWT'
  out.push({ title: `${path}: JWT (${typ})`, lines: [`header:  ${elidedJson(header)}`, `payload: ${elidedJson(payload)}`, `signature: ${token.split('.')[2]?.slice(0, 16)}…`] })
  walk(sub(path, 'header'), header, out, depth + 1)
  walk(sub(path, 'payload'), payload, out, depth + 1)
  const list = payload.status_list as { bits?: unknown; lst?: unknown } | undefined
  if (typ === 'statuslist+jwt' && list) {
    try {
      const d = decodeStatusList({ bits: list.bits, lst: list.lst })
      let set = 0
      for (let i = 0; i < d.size; i++) if (d.get(i) !== 0) set++
      out.push({ title: `${path}: status list`, lines: [`${d.size} entries of ${d.bits} bits (DEFLATE, base64url: ${String(list.lst).length} chars); ${set} not VALID`] })
    } catch {
      // left as printed above
    }
  }
}

function sdJwtSections(path: string, token: string, out: Section[], depth: number): void {
  let d: ReturnType<typeof decodeSdJwt>
  try {
    d = decodeSdJwt(token)
  } catch {
    return
  }
  const lines = [
    `issuer JWT header:  ${elidedJson(d.header)}`,
    `issuer JWT payload: ${elidedJson(d.payload)}`,
    `issuer signature:   ${d.jwt.split('.')[2]?.slice(0, 16)}…`,
    `disclosures (${d.disclosures.length}): [salt, name, value] → claims path`,
    ...d.disclosures.map((x) => `  ${JSON.stringify([x.salt, ...(x.name === undefined ? [] : [x.name]), x.value])} → ${JSON.stringify(x.path)}`),
  ]
  if (d.kbJwt) {
    lines.push(`key binding JWT header:  ${JSON.stringify(decodeProtectedHeader(d.kbJwt))}`, `key binding JWT payload: ${JSON.stringify(decodeJwt(d.kbJwt))}`)
  } else {
    lines.push('no key binding JWT')
  }
  out.push({ title: `${path}: SD-JWT VC (${d.disclosures.length} disclosure${d.disclosures.length === 1 ? '' : 's'}${d.kbJwt ? ', with KB-JWT' : ''})`, lines })
  walk(sub(path, 'header'), d.header, out, depth + 1)
}

/** One line telling tokens of a batch apart: signature, holder key, status index. */
function tokenSummary(token: string): string {
  try {
    if (SD_JWT.test(token)) {
      const d = decodeSdJwt(token)
      const cnf = (d.payload.cnf as { jwk?: { x?: string } } | undefined)?.jwk
      const status = (d.payload.status as { status_list?: { idx?: number } } | undefined)?.status_list
      return `SD-JWT: issuer signature ${d.jwt.split('.')[2]?.slice(0, 12)}…, holder key x=${cnf?.x?.slice(0, 12)}…, status idx ${status?.idx}`
    }
    const h = decodeProtectedHeader(token) as { typ?: string; jwk?: { x?: string } }
    return `JWT ${String(h.typ)}: key x=${h.jwk?.x?.slice(0, 12)}…, signature ${token.split('.')[2]?.slice(0, 12)}…`
  } catch {
    return '(undecodable)'
  }
}

const tokenOf = (v: unknown): string | undefined => {
  if (typeof v === 'string' && (JWT.test(v) || SD_JWT.test(v))) return v
  if (typeof v === 'object' && v !== null && typeof (v as { credential?: unknown }).credential === 'string') return tokenOf((v as { credential: string }).credential)
  return undefined
}

function walk(path: string, v: unknown, out: Section[], depth = 0): void {
  if (depth > 6) return
  if (typeof v === 'string') return decodeString(path, v, out, depth)
  if (Array.isArray(v)) {
    const tokens = v.map(tokenOf)
    if (v.length > FULL_ITEMS + 1 && tokens.every((t) => t !== undefined)) {
      for (let i = 0; i < FULL_ITEMS; i++) walk(`${path}[${i}]`, v[i], out, depth + 1)
      out.push({ title: `${path}[${FULL_ITEMS}..${v.length - 1}]: the other ${v.length - FULL_ITEMS}, same structure`, lines: tokens.slice(FULL_ITEMS).map((t, i) => `[${i + FULL_ITEMS}] ${tokenSummary(t ?? '')}`) })
      return
    }
    v.forEach((x, i) => walk(`${path}[${i}]`, x, out, depth + 1))
    return
  }
  if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(sub(path, k), x, out, depth + 1)
}

/** Long strings already decoded in the current body, by the path they were first decoded at. */
let seen = new Map<string, string>()

function decodeString(path: string, s: string, out: Section[], depth: number): void {
  if (s.length > ELIDE) {
    const first = seen.get(s)
    if (first !== undefined) return void out.push({ title: `${path}: same as ${first}`, lines: [] })
    seen.set(s, path)
  }
  if (SD_JWT.test(s)) return sdJwtSections(path, s, out, depth)
  if (JWT.test(s)) return jwtSections(path, s, out, depth)
  if (CERT.test(s)) return void out.push({ title: `${path}: X.509 certificate (base64 DER, ${s.length} chars)`, lines: certificateLines(s) })
  if (s.startsWith('-----BEGIN CERTIFICATE-----')) {
    const b64 = s.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '')
    return void out.push({ title: `${path}: X.509 certificate (PEM)`, lines: certificateLines(b64) })
  }
  if (s.startsWith('<svg')) return void out.push({ title: `${path}: SVG image (${s.length} chars)`, lines: ['the QR code of authorization_request, for a phone wallet'] })
  if (/^(openid-credential-offer|openid4vp):\/\//.test(s)) {
    const params = Object.fromEntries(new URL(s).searchParams.entries())
    const decoded: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(params)) {
      try {
        decoded[k] = k === 'credential_offer' ? JSON.parse(x) : x
      } catch {
        decoded[k] = x
      }
    }
    out.push({ title: `${path}: ${s.split(':')[0]} URI, parameters`, lines: [elidedJson(decoded)] })
    walk(path, decoded, out, depth + 1)
    return
  }
  if (depth < 6 && /^[[{]/.test(s)) {
    try {
      walk(path, JSON.parse(s), out, depth + 1)
    } catch {
      // not JSON
    }
  }
}

/** The body as a value: JSON, a form (values JSON-parsed when they are JSON), or text. */
function parseBody(body: string | undefined, contentType: string): { kind: string; value: unknown } | undefined {
  if (body === undefined || body === '') return undefined
  if (contentType.includes('json') || /^[[{]/.test(body)) {
    try {
      return { kind: 'JSON', value: JSON.parse(body) }
    } catch {
      // fall through
    }
  }
  if (contentType.includes('x-www-form-urlencoded')) {
    const form: Record<string, unknown> = {}
    for (const [k, v] of new URLSearchParams(body)) {
      try {
        form[k] = /^[[{]/.test(v) ? JSON.parse(v) : v
      } catch {
        form[k] = v
      }
    }
    return { kind: 'form, decoded', value: form }
  }
  return { kind: contentType.split(';')[0] || 'text', value: body }
}

function bodyLines(label: string, body: string | undefined, contentType: string): string[] {
  const cwt = body !== undefined && contentType.startsWith('application/statuslist+cwt') ? cwtLines(body) : undefined
  if (cwt) return [`${label} (binary, shown as hex):`, indent(`${body?.slice(0, 120)}…(${(body?.length ?? 0) / 2} bytes)`, '    '), `  ▸ decoded body: ${cwt.title}`, ...cwt.lines.map((l) => indent(l, '      '))]
  const parsed = parseBody(body, contentType)
  if (!parsed) return []
  const raw = typeof parsed.value === 'string' ? (parsed.value.length > 400 ? `${parsed.value.slice(0, 120)}…(${parsed.value.length} chars)` : parsed.value) : elidedJson(parsed.value)
  const sections: Section[] = []
  seen = new Map()
  walk('', parsed.value, sections)
  const lines = [`${label} (${parsed.kind}):`, indent(raw, '    ')]
  for (const s of sections) lines.push(`  ▸ decoded ${s.title.replace(/^: /, 'body: ')}`, ...s.lines.map((l) => indent(l, '      ')))
  return lines
}

function headerValue(name: string, value: string): string {
  if (name === 'authorization') {
    const [scheme, secret = ''] = value.split(' ')
    return `${scheme} ${secret.slice(0, 6)}…(${secret.length} chars)`
  }
  return value
}

/** Renders one exchange (numbered `n`). */
export function renderExchange(e: Exchange, n: number): string {
  const reqType = e.requestHeaders['content-type'] ?? ''
  const lines = [`[${n}] ${e.actor} → ${e.method} ${e.url}`]
  for (const [k, v] of Object.entries(e.requestHeaders)) if (k === 'authorization' || k === 'content-type' || k === 'accept') lines.push(`    ${k}: ${headerValue(k, v)}`)
  lines.push(...bodyLines('  request body', e.requestBody, reqType))
  if (e.error !== undefined) {
    lines.push(`  ✗ no response: ${e.error}`)
  } else {
    const resType = e.responseHeaders?.['content-type'] ?? ''
    lines.push(`  ← ${e.status ?? '?'}  ${resType}`)
    lines.push(...bodyLines('  response body', e.responseBody, resType))
  }
  return lines.join('\n')
}
