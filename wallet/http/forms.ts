// State-changing requests of an unlocked session: the form body (bounded) and the session's anti-CSRF token.
import express from 'express'
import type { RequestHandler } from 'express'
import { checkCsrf } from './csrf.ts'
import { sessionOf } from './view.ts'

/** Parses url-encoded forms (32 KiB, 8 fields) and refuses any POST without the session's token (403 forbidden). */
export function sessionForms(): RequestHandler[] {
  const parse = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 8 })
  const csrf: RequestHandler = (req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') checkCsrf(req, sessionOf(req).csrf)
    next()
  }
  return [parse, csrf]
}
