// The three hot routes on plain node:http, ahead of the express routers: POST /responses (direct_post), GET /requests/:id
// and POST /presentations. A request takes this path only in its plain shape: the exact path, a Content-Length within
// the route's limit, no Content-Encoding or Transfer-Encoding, the route's media type in UTF-8. Every other shape goes on
// to the express routes (routes/wallet.ts, routes/presentations.ts), whose body parsers answer it. Both paths parse a
// body the same way (body-parser's rules, the same qs options), run the same flow and map errors through the same
// error middleware, so limits, checks, status codes and error codes are the same whichever path a request takes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import qs from 'qs'
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'
import { REQUEST_OBJECT_MEDIA_TYPE } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { createPresentation } from '../flows/create-presentation.ts'
import { handleDirectPost } from '../flows/direct-post.ts'
import { requestObjectFor } from '../flows/request-object.ts'
import { logAccess } from './access-log.ts'
import { apiKeyCheck } from './api-key.ts'
import { verifierErrorOptions } from './error-handler.ts'

/** `express.json({ limit: '32kb' })` of routes/presentations.ts. */
export const PRESENTATIONS_BODY_LIMIT = 32 * 1024
/** `parameterLimit` of the direct_post form (routes/wallet.ts). */
export const RESPONSE_PARAMETER_LIMIT = 16
const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'
/** A session id as createPresentation makes them (base64url); any other id goes to the express route. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/

type Next = () => void

/**
 * The Content-Length of a body this path reads, or undefined when the request is for the express route: encoded or
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
function readText(req: IncomingMessage, length: number): Promise<string> {
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
 */
export function parseFormBody(text: string, parameterLimit: number): Record<string, unknown> {
  if (text.length === 0) return {}
  let count = 0
  let index = -1
  do {
    if (++count > parameterLimit) throw new EidError('input_too_large', 'too many parameters')
    index = text.indexOf('&', index + 1)
  } while (index !== -1)
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

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'Cache-Control': 'no-store', 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * The middleware (first in the verifier's express app): answers the three routes in their plain shape, passes every
 * other request to `next`. Each answer gets the same access line as the express routes'.
 */
export function fastRoutes(deps: VerifierDeps): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const apiKeyOk = apiKeyCheck(deps.config.apiKey)
  const onError = errorMiddleware(verifierErrorOptions(deps.logger))
  const responseLimit = deps.config.bodyLimitBytes

  /** Runs `answer`, then writes the access line; an error goes through the verifier's error middleware. */
  const run = (req: IncomingMessage, res: ServerResponse, route: string, answer: () => Promise<void>): void => {
    const started = performance.now()
    const locals: Record<string, unknown> = {}
    answer().catch((err: unknown) => {
      let status = 500
      const headers: Record<string, string> = {}
      onError(err, { baseUrl: '', path: route, route: { path: route } }, {
        headersSent: res.headersSent,
        locals,
        status: (code: number) => { status = code },
        set: (field: string, value: string) => { headers[field] = value },
        json: (body: unknown) => {
          for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
          send(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
        },
      }, () => req.socket.destroy())
    }).finally(() => {
      logAccess(deps.logger, deps.clientId, { method: req.method, route, status: res.statusCode, code: locals.errorCode, started })
    })
  }

  return (req, res, next) => {
    const url = req.url ?? ''
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    if (req.method === 'POST' && path === '/responses') {
      const length = plainBodyLength(req.headers, FORM, responseLimit)
      if (length === undefined) return next()
      return run(req, res, '/responses', async () => {
        const body = parseFormBody(await readText(req, length), RESPONSE_PARAMETER_LIMIT)
        send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await handleDirectPost(deps, body)))
      })
    }
    if (req.method === 'GET' && path.startsWith('/requests/') && SESSION_ID.test(path.slice(10))) {
      return run(req, res, '/requests/:id', async () => {
        send(res, 200, `${REQUEST_OBJECT_MEDIA_TYPE}; charset=utf-8`, await requestObjectFor(deps, path.slice(10)))
      })
    }
    if (req.method === 'POST' && path === '/presentations') {
      const length = plainBodyLength(req.headers, JSON_TYPE, PRESENTATIONS_BODY_LIMIT)
      if (length === undefined) return next()
      return run(req, res, '/presentations', async () => {
        if (!apiKeyOk(req.headers.authorization)) throw new EidError('unauthorized', 'API key missing or wrong')
        const body = parseJsonBody(await readText(req, length))
        send(res, 201, 'application/json; charset=utf-8', JSON.stringify(await createPresentation(deps, body)))
      })
    }
    next()
  }
}
