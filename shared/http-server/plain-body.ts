// Request bodies of the plain node:http fast paths (a service's hot routes ahead of express): which requests take the
// path, and reading and parsing a body the way express's body parsers do (body-parser's rules, the same qs options),
// so a fast path and its express route give the same answer to any body.
import type { IncomingMessage, ServerResponse } from 'node:http'
import qs from 'qs'
import { EidError } from '../errors/index.ts'
import { parseSimpleForm } from './simple-form.ts'

/**
 * The Content-Length of a body a fast path reads, or undefined when the request is for the express route: encoded or
 * chunked, over `limit`, another media type, a charset other than UTF-8, or media-type parameters besides charset.
 */
export function plainBodyLength(headers: IncomingMessage['headers'], mediaType: string, limit: number): number | undefined {
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined
  const length = headers['content-length']
  if (length === undefined || !/^\d{1,9}$/.test(length) || Number(length) > limit) return undefined
  const [type, ...params] = (headers['content-type'] ?? '').toLowerCase().split(';')
  if (type?.trim() !== mediaType) return undefined
  for (const p of params) if (!/^\s*charset="?utf-8"?\s*$/.test(p)) return undefined
  return Number(length)
}

/** Reads exactly `length` bytes (the HTTP parser frames the body by Content-Length) as UTF-8 without a BOM, as body-parser decodes it. */
export function readBodyText(req: IncomingMessage, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    let ended = false
    req.on('data', (c: Buffer) => {
      received += c.length
      chunks.push(c)
    })
    // a client that goes away mid-body: 'close' without 'end'
    req.on('close', () => {
      if (!ended) reject(new EidError('invalid_request', 'request body could not be read'))
    })
    req.on('end', () => {
      ended = true
      if (received !== length) return reject(new EidError('invalid_request', 'request body could not be read'))
      const text = (chunks.length === 1 ? chunks[0] as Buffer : Buffer.concat(chunks, received)).toString('utf8')
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    })
    req.on('error', reject)
  })
}

/**
 * A form body as `express.urlencoded({ extended: false, parameterLimit })` parses it: more parameters than the limit
 * is `input_too_large`; then qs with body-parser's options (depth 0: no nested keys; a repeated key becomes an array).
 * A body in the simple shape (plain distinct names, values without `=`) is parsed by parseSimpleForm, with qs's result.
 */
export function parseFormBody(text: string, parameterLimit: number): Record<string, unknown> {
  if (text.length === 0) return {}
  let count = 0
  let index = -1
  do {
    if (++count > parameterLimit) throw new EidError('input_too_large', 'too many parameters')
    index = text.indexOf('&', index + 1)
  } while (index !== -1)
  const simple = parseSimpleForm(text)
  if (simple !== undefined) return simple
  try {
    return qs.parse(text, { allowPrototypes: true, arrayLimit: count, depth: 0, charset: 'utf-8', parameterLimit, strictDepth: true }) as Record<string, unknown>
  } catch (err) {
    if (err instanceof RangeError) throw new EidError('invalid_request', 'the form exceeds the nesting depth')
    throw err
  }
}

/** A JSON body as `express.json()` parses it (strict: an object or an array at the top, else `malformed_json`). */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {}
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1]
  if (first !== '{' && first !== '[') throw new EidError('malformed_json', 'request body is not valid JSON')
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new EidError('malformed_json', 'request body is not valid JSON')
  }
}

/** Writes a whole answer with `Cache-Control: no-store` and its Content-Length. */
export function sendNoStore(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'Cache-Control': 'no-store', 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}
