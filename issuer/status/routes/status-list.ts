// GET /status-lists/:id: the Status List Token by content negotiation (draft-ietf-oauth-status-list-20 §8.1, §8.2):
// `application/statuslist+jwt` (the default) or `application/statuslist+cwt`.
import { gzipSync } from 'node:zlib'
import { Router } from 'express'
import { z } from 'zod'
import { EidError, parseInput } from '../../../shared/errors/index.ts'
import { STATUS_LIST_CWT_MEDIA_TYPE, STATUS_LIST_JWT_MEDIA_TYPE } from '../../../shared/status-list/index.ts'
import { tokenCacheControl } from '../token-cache.ts'
import type { ServedToken } from '../token-cache.ts'

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })

/** The forms served, the default first: a request without Accept, or with `*` / `application/*`, gets the JWT. */
const FORMS = [STATUS_LIST_JWT_MEDIA_TYPE, STATUS_LIST_CWT_MEDIA_TYPE]

/** gzip bodies of the JWT form, computed once per signed token (§8.2: Content-Encoding SHOULD be used for JWTs). */
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
 * Public, cacheable: `Cache-Control: public, max-age=<seconds left of the token's ttl>` and a weak `ETag` per form
 * (the same as the static copies' in STATUS_LIST_DIR); `If-None-Match` with it gets 304. `Vary: Accept,
 * Accept-Encoding`. The form follows Accept (RFC 9110 §12.5.1, q-values honoured; neither form acceptable: 406
 * `status_list_not_acceptable`). CORS open (§8.1 SHOULD), since browsers of any origin may check a status. The JWT is
 * gzipped when the client accepts it; the CWT is not (its list is already compressed and carries no base64, so gzip
 * makes it larger).
 */
export function statusListRouter(deps: { tokenFor: (id: string) => Promise<ServedToken>; now: () => number }): Router {
  const r = Router()
  r.get('/status-lists/:id', async (req, res) => {
    const { id } = parseInput(Params, req.params, 'not_found', 'status list id')
    res.set('Vary', 'Accept, Accept-Encoding')
    const form = req.accepts(FORMS)
    if (form === false) throw new EidError('status_list_not_acceptable', `the status list is served as ${FORMS.join(' or ')} only`)
    const token = await deps.tokenFor(id)
    const cwt = form === STATUS_LIST_CWT_MEDIA_TYPE
    const etag = cwt ? token.cwtEtag : token.etag
    res
      .set('ETag', etag)
      .set('Cache-Control', tokenCacheControl(token, deps.now()))
      .set('Access-Control-Allow-Origin', '*')
      .set('Access-Control-Expose-Headers', 'ETag')
      .set('X-Content-Type-Options', 'nosniff')
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end()
      return
    }
    let body: Buffer = cwt ? Buffer.from(token.cwt) : Buffer.from(token.jwt, 'ascii')
    if (!cwt && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      const gz = gzipped.get(token) ?? gzipSync(body)
      gzipped.set(token, gz)
      body = gz
      res.set('Content-Encoding', 'gzip')
    }
    res
      .status(200)
      .set('Content-Type', form)
      .send(body) // a Buffer: express adds no charset to the media type
  })
  return r
}
