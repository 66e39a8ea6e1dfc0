// The wallet page's error handler: a refusal (shared `errorMiddleware`) as a page in the person's language, or as JSON
// under /api, with its status and stable code.
import type { ErrorRequestHandler, Request, Response } from 'express'
import type { Logger } from 'pino'
import { errorMiddleware } from '../../shared/errors/index.ts'
import { errorPage } from '../pages/error.ts'
import { viewOf } from './view.ts'

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return errorMiddleware<Request, Response>({
    logger,
    logExpected5xx: false,
    render: (req, res, { status, body }) => {
      res.status(status)
      if (req.path.startsWith('/api/') || req.path.endsWith('.json')) res.json(body)
      // without the session's token, nor the requested path (the sender chose it): nothing of the request is echoed
      else res.type('html').send(errorPage({ ...viewOf(res), returnTo: '/' }, body.code, body.error_description))
    },
  })
}
