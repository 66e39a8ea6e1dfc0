// GET /status-lists/:id: the Status List Token, `application/statuslist+jwt` (draft-ietf-oauth-status-list-20 §8.1, §8.2).
import { gzipSync } from 'node:zlib'
import { Router } from 'express'
import { z } from 'zod'
import { parseInput } from '../../../shared/errors/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE } from '../../../shared/status-list/index.ts'
import { tokenCacheControl } from '../token-cache.ts'
import type { ServedToken } from '../token-cache.ts'

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })

/** gzip bodies, computed once per signed token (§8.2: the response SHOULD use Content-Encoding). */
const gzipped = new WeakMap<ServedToken, Buffer>()

/** True when an `If-None-Match` header lists `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch.length > 4096) return false
  const opaque = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag.replace(/^W\//, '') === opaque
  })
}

/**
 * Public, cacheable: `Cache-Control: public, max-age=<seconds left of the token's ttl>` and a weak `ETag`
 * (the same as the static copy's in STATUS_LIST_DIR); `If-None-Match` with it gets 304. CORS open
 * (§8.1 SHOULD), since browsers of any origin may check a status; gzip when the client accepts it.
 */
export function statusListRouter(deps: { tokenFor: (id: string) => Promise<ServedToken>; now: () => number }): Router {
  const r = Router()
  r.get('/status-lists/:id', async (req, res) => {
    const { id } = parseInput(Params, req.params, 'not_found', 'status list id')
    const token = await deps.tokenFor(id)
    res
      .set('Vary', 'Accept-Encoding')
      .set('ETag', token.etag)
      .set('Cache-Control', tokenCacheControl(token, deps.now()))
      .set('Access-Control-Allow-Origin', '*')
      .set('Access-Control-Expose-Headers', 'ETag')
      .set('X-Content-Type-Options', 'nosniff')
    if (matches(req.get('if-none-match'), token.etag)) {
      res.status(304).end()
      return
    }
    let body: Buffer = Buffer.from(token.jwt, 'ascii')
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      const gz = gzipped.get(token) ?? gzipSync(body)
      gzipped.set(token, gz)
      body = gz
      res.set('Content-Encoding', 'gzip')
    }
    res
      .status(200)
      .set('Content-Type', STATUS_LIST_JWT_MEDIA_TYPE)
      .send(body) // a Buffer: express adds no charset to the media type
  })
  return r
}
