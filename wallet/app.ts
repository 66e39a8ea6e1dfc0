// createWalletApp: the wallet's small web app (consent page, credentials, history) over the wallet core.
import { randomBytes } from 'node:crypto'
import express from 'express'
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { EidError, errorMiddleware, routePattern } from '../shared/errors/index.ts'
import { healthRoutes } from '../shared/http-server/index.ts'
import { openWallet } from './core/index.ts'
import type { Wallet, WalletConfig } from './core/index.ts'
import { errorPage } from './web/pages.ts'
import { walletRoutes } from './web/routes.ts'
import { pageSecurity } from './web/security.ts'

export interface WalletAppConfig extends WalletConfig {
  logger?: Logger
  /** Hostnames the page answers to (default 127.0.0.1, localhost, ::1). */
  allowedHosts?: string[]
  /** How long a reviewed request waits for a decision (default 300 s). */
  pendingTtlSeconds?: number
}

export interface WalletApp {
  app: Express
  wallet: Wallet
  logger: Logger
  close(): Promise<void>
}

/** Opens the wallet (throws `wallet_passphrase_wrong` etc.) and builds the express app. Bind it to loopback only. */
export async function createWalletApp(config: WalletAppConfig): Promise<WalletApp> {
  const logger = config.logger ?? pino({ name: 'wallet' })
  const wallet = await openWallet(config)
  const now = config.now ?? (() => Math.floor(Date.now() / 1000))
  const app = express()
  app.disable('x-powered-by')
  // the wallet file was opened and decrypted above: once the app exists it can answer
  app.use(healthRoutes(async () => undefined))
  app.use(accessLog(logger))
  app.use(pageSecurity(config.allowedHosts ?? ['127.0.0.1', 'localhost', '::1']))
  app.use(walletRoutes({ wallet, csrf: randomBytes(24).toString('base64url'), now, pendingTtlSeconds: config.pendingTtlSeconds ?? 300 }))
  app.use((_req, _res, next) => next(new EidError('not_found', 'no such page')))
  app.use(errorHandler(logger))
  return { app, wallet, logger, close: async () => undefined }
}

/**
 * Logs method, route pattern (`/consent/:id`; never the raw path, which the sender chooses and may
 * hold an ID number, nor the query, which may carry a request_uri), status, code and time; never bodies.
 */
function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      logger.info({ method: req.method, route: routePattern(req), status: res.statusCode, code: res.locals.errorCode as unknown, ms: Math.round(ms) }, 'request')
    })
    next()
  }
}

/** Renders a refusal (shared `errorMiddleware`) as a page, or as JSON under /api, with its status and code. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return errorMiddleware<Request, Response>({
    logger,
    logExpected5xx: false,
    render: (req, res, { status, body }) => {
      res.status(status)
      if (req.path.startsWith('/api/')) res.json(body)
      else res.type('html').send(errorPage(body.code, body.error_description))
    },
  })
}
