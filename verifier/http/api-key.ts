// Bearer API key guard of the relying-party API (RFC 6750 §2.1), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

/** Rejects with 401 `unauthorized` unless `Authorization: Bearer <apiKey>` is present and equal. */
export function apiKeyAuth(apiKey: string): RequestHandler {
  const expected = createHash('sha256').update(apiKey).digest()
  return (req, _res, next) => {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(req.get('authorization') ?? '')
    const given = createHash('sha256').update(match?.[1] ?? '').digest()
    next(match && timingSafeEqual(given, expected) ? undefined : new EidError('unauthorized', 'API key missing or wrong'))
  }
}
