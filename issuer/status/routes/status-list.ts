// GET /status-lists/:id: the Status List Token, `application/statuslist+jwt` (draft-ietf-oauth-status-list-20 §8.1, §8.2).
import { gzipSync } from 'node:zlib'
import { Router } from 'express'
import { z } from 'zod'
import { parseInput } from '../../../shared/errors/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE } from '../../../shared/status-list/index.ts'
import type { ServedToken } from '../token-cache.ts'

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })

/** gzip bodies, computed once per signed token (§8.2: the response SHOULD use Content-Encoding). */
const gzipped = new WeakMap<ServedToken, Buffer>()

/**
 * Public, cacheable: `Cache-Control: public, max-age=<seconds left of the token's ttl>`; CORS open
 * (§8.1 SHOULD), since browsers of any origin may check a status; gzip when the client accepts it.
 */
export function statusListRouter(deps: { tokenFor: (id: string) => Promise<ServedToken>; now: () => number; ttlSeconds: number }): Router {
  const r = Router()
  r.get('/status-lists/:id', async (req, res) => {
    const { id } = parseInput(Params, req.params, 'not_found', 'status list id')
    const token = await deps.tokenFor(id)
    const maxAge = Math.max(0, Math.min(deps.ttlSeconds, token.iat + deps.ttlSeconds - deps.now()))
    let body: Buffer = Buffer.from(token.jwt, 'ascii')
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      const gz = gzipped.get(token) ?? gzipSync(body)
      gzipped.set(token, gz)
      body = gz
      res.set('Content-Encoding', 'gzip')
    }
    res
      .status(200)
      .set('Vary', 'Accept-Encoding')
      .set('Content-Type', STATUS_LIST_JWT_MEDIA_TYPE)
      .set('Cache-Control', `public, max-age=${maxAge}`)
      .set('Access-Control-Allow-Origin', '*')
      .set('X-Content-Type-Options', 'nosniff')
      .send(body) // a Buffer: express adds no charset to the media type
  })
  return r
}
