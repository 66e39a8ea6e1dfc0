// Bearer API key guard of the relying-party API (RFC 6750 §2.1), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

/** A check of an `Authorization` header value: true only for `Bearer <apiKey>`. */
export function apiKeyCheck(apiKey: string): (authorization: string | undefined) => boolean {
  const expected = createHash('sha256').update(apiKey).digest()
  return (authorization) => {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '')
    const given = createHash('sha256').update(match?.[1] ?? '').digest()
    return match !== null && timingSafeEqual(given, expected)
  }
}

/** Rejects with 401 `unauthorized` unless `Authorization: Bearer <apiKey>` is present and equal. */
export function apiKeyAuth(apiKey: string): RequestHandler {
  const check = apiKeyCheck(apiKey)
  return (req, _res, next) => {
    next(check(req.get('authorization')) ? undefined : new EidError('unauthorized', 'API key missing or wrong'))
  }
}
