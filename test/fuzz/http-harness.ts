// HTTP attack harness: raw requests (any method, path, header, body) against the three services on 127.0.0.1,
// and the assertions every hostile request must satisfy (4xx, stable code, no echo of secrets, still answering).
import { request } from 'node:http'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { IncomingHttpHeaders } from 'node:http'
import { expect } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'

/** Synthetic secrets sent in hostile requests; no response body or log line may contain them. */
export const MARKER_ID = generateResidentId({ birthdate: '1987-06-05' })
export const MARKER_NAME = 'Qzmarkername'
export const MARKER_TOKEN = 'QzmarkertokenAbc123_-xyz'
export const SECRETS: readonly string[] = [MARKER_ID, MARKER_NAME, MARKER_TOKEN]

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

export interface RawRequest {
  method?: string
  /** Sent verbatim on the request line (no normalisation, unlike fetch). */
  path: string
  headers?: Record<string, string | string[]>
  body?: string | Buffer
}

/** One HTTP/1.1 request over a fresh connection; resolves with the status, headers and body text. */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const r = request(
      { host: hostname, port, method: req.method ?? 'GET', path: req.path, headers: { connection: 'close', ...req.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    r.on('error', reject)
    r.end(req.body)
  })
}

/**
 * The parts of an answer a fast path and its express route must agree on (tests of verifier/ and issuer/
 * http/fast-routes.ts): status, content type, cache and auth headers, OAuth `error` and `code`.
 */
export function answerShape(r: RawResponse): Record<string, unknown> {
  const json = r.headers['content-type']?.startsWith('application/json') ? (JSON.parse(r.text) as Record<string, unknown>) : undefined
  return {
    status: r.status,
    type: r.headers['content-type'],
    cache: r.headers['cache-control'],
    pragma: r.headers.pragma,
    auth: r.headers['www-authenticate'],
    retry: r.headers['retry-after'],
    code: json?.code,
    error: json?.error,
  }
}

export const JSON_CT = { 'content-type': 'application/json' }
export const FORM_CT = { 'content-type': 'application/x-www-form-urlencoded' }
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** Secrets that a test sent besides the fixed markers (tokens, keys): also never echoed. */
function leaked(text: string, extra: readonly string[]): string | undefined {
  return [...SECRETS, ...extra].find((s) => text.includes(s))
}

/**
 * The rule for a hostile request: a 4xx; a JSON body with a stable snake_case `code` (or, when `html`
 * is set, an HTML page naming the code); no secret echoed back. Returns the code.
 */
export function expectRejected(r: RawResponse, opts: { html?: boolean; secrets?: readonly string[]; status?: number | number[]; label?: string } = {}): string {
  const what = `${opts.label ?? ''} ${r.status} ${r.text.slice(0, 300)}`
  expect(r.status, what).toBeGreaterThanOrEqual(400)
  expect(r.status, what).toBeLessThan(500)
  if (opts.status !== undefined) expect([opts.status].flat(), what).toContain(r.status)
  expect(leaked(r.text, opts.secrets ?? []), `secret echoed in the response: ${what}`).toBeUndefined()
  if (opts.html) {
    expect(r.headers['content-type'], what).toMatch(/^text\/html/)
    const code = /<strong>([a-z0-9_]+)<\/strong>/.exec(r.text)?.[1]
    expect(code, what).toBeTypeOf('string')
    return code ?? ''
  }
  expect(r.headers['content-type'], what).toMatch(/^application\/json/)
  const body = JSON.parse(r.text) as { code?: unknown; error?: unknown }
  expect(body.code, what).toMatch(/^[a-z0-9_]+$/)
  expect(body.error, what).toBeTypeOf('string')
  return body.code as string
}

/** No captured log line holds a marker or one of `extra`. */
export function expectCleanLogs(logs: readonly string[], extra: readonly string[] = []): void {
  const all = logs.join('')
  expect(leaked(all, extra), 'secret found in the logs').toBeUndefined()
  expect(all).not.toMatch(/"level":50/) // no 5xx/unexpected error logged
}

/** Hostile JSON values for a single field: wrong types, huge and odd strings, prototype keys, markers. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  [],
  [MARKER_ID],
  0,
  -1,
  1e308,
  true,
  {},
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}') as unknown,
  '',
  ' ',
  MARKER_ID,
  `${MARKER_NAME}\u0000\u202e\ud800`,
  'x'.repeat(70_000),
  '\u{1F600}'.repeat(500),
  'e\u0301\u200b\ufeff',
]

/** `levels` nested arrays as JSON text (built as a string: JSON.stringify would overflow the stack first). */
export function deepJson(levels: number, open = '[', close = ']'): string {
  return open.repeat(levels) + close.repeat(levels)
}

/** `levels` nested objects `{"a":{"a":...}}` as JSON text. */
export function deepObjectJson(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
}

/** Bodies no JSON endpoint may accept. */
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'undefined',
  'NaN',
  '\u0000',
  '\ufeff{"a":1',
  '{"a":"\\ud800"',
  '[1,2',
  `{"national_id":"${MARKER_ID}"`,
]

/** Paths a router must refuse cleanly (traversal, oversize, bad percent-encoding, control characters). */
export const HOSTILE_SEGMENTS: readonly string[] = [
  '..',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%',
  '%zz',
  '%E0%A4%A',
  '%c0%af',
  '%00',
  '%ff%fe',
  encodeURIComponent('\u202e\u200b'),
  'a'.repeat(4000),
  MARKER_ID,
  encodeURIComponent(`${MARKER_NAME}<script>`),
  '__proto__',
  'constructor',
]

/** Checks that the service still answers `path` with `status` after an attack. */
export async function expectAlive(baseUrl: string, path: string, status = 200): Promise<void> {
  const r = await send(baseUrl, { path })
  expect(r.status).toBe(status)
}

/** Rows per table of the issuer's database under `dataDir` (persons, offers, tokens, credentials, relying parties). */
export function issuerRowCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'issuer', 'issuer.db'), { readonly: true })
  try {
    const tables = ['persons', 'offers', 'access_tokens', 'issued_credentials', 'relying_parties']
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]))
  } finally {
    db.close()
  }
}
