// Bearer-token guard of the admin API (RFC 6750 §2.1), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

/** Rejects with 401 `unauthorized` unless `Authorization: Bearer <adminToken>` is present and equal. */
export function adminAuth(adminToken: string): RequestHandler {
  const expected = createHash('sha256').update(adminToken).digest()
  return (req, _res, next) => {
    const header = req.get('authorization') ?? ''
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header)
    const given = createHash('sha256').update(match?.[1] ?? '').digest()
    if (!match || !timingSafeEqual(given, expected)) {
      next(new EidError('unauthorized', 'admin bearer token missing or wrong'))
      return
    }
    next()
  }
}
