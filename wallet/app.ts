// createWalletApp: the wallet's web app (lock screen, cards, scanning, consent, history) over the wallet core.
// Locked until the passphrase is typed on the page: each browser session opens the wallet file itself.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express from 'express'
import type { Express } from 'express'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { EidError } from '../shared/errors/index.ts'
import { healthRoutes } from '../shared/http-server/index.ts'
import { openWallet, STATE_FILE_NAME } from './core/index.ts'
import type { Wallet, WalletConfig } from './core/index.ts'
import { accessLog } from './http/access-log.ts'
import { errorHandler } from './http/error-handler.ts'
import { sessionForms } from './http/forms.ts'
import { createAttemptLimiter } from './http/rate-limit.ts'
import type { AttemptLimiterOptions } from './http/rate-limit.ts'
import { requireSession } from './http/require-session.ts'
import { pageSecurity } from './http/security.ts'
import { createSessionStore } from './http/session.ts'
import { viewSettings } from './http/view.ts'
import { apiRoutes } from './routes/api.ts'
import { cardRoutes } from './routes/cards.ts'
import type { WebDeps } from './routes/deps.ts'
import { historyRoutes } from './routes/history.ts'
import { langRoutes } from './routes/lang.ts'
import { presentRoutes } from './routes/present.ts'
import { staticRoutes } from './routes/static.ts'
import { unlockRoutes } from './routes/unlock.ts'

export interface WalletAppConfig extends Omit<WalletConfig, 'passphrase'> {
  /**
   * The passphrase from the environment (`npm start`, the CLI's WALLET_PASSPHRASE): opens (or creates) the wallet
   * file at start for the background renewal. The page still asks for it: every browser session unlocks on its own.
   */
  passphrase?: string
  logger?: Logger
  /** Hostnames the page answers to (default 127.0.0.1, localhost, ::1). */
  allowedHosts?: string[]
  /** How long a reviewed request waits for a decision (default 300 s). */
  pendingTtlSeconds?: number
  /** Seconds without use after which a session locks (default 600). */
  sessionIdleSeconds?: number
  /** Unlock attempts (default 5 per 60 s, delay from 250 ms doubling per wrong passphrase). */
  unlockLimit?: AttemptLimiterOptions
}

export interface WalletApp {
  app: Express
  /** The wallet opened with `config.passphrase` (for background renewal), when one was given. */
  wallet: Wallet | undefined
  logger: Logger
  close(): Promise<void>
}

/** Builds the express app (throws `wallet_passphrase_wrong` when `config.passphrase` does not open the file). Bind it to loopback only. */
export async function createWalletApp(config: WalletAppConfig): Promise<WalletApp> {
  const logger = config.logger ?? pino({ name: 'wallet' })
  const wallet = config.passphrase === undefined ? undefined : await openWallet({ ...config, passphrase: config.passphrase })
  const deps: WebDeps = {
    sessions: createSessionStore({ idleSeconds: config.sessionIdleSeconds ?? 600 }),
    limiter: createAttemptLimiter(config.unlockLimit),
    openWallet: (passphrase) => openWallet({ ...config, passphrase }),
    walletExists: () => existsSync(join(config.dir, STATE_FILE_NAME)),
    now: config.now ?? (() => Math.floor(Date.now() / 1000)),
    pendingTtlSeconds: config.pendingTtlSeconds ?? 300,
  }
  const app = express()
  app.disable('x-powered-by')
  // the app needs nothing more to answer (each session opens the wallet file itself)
  app.use(healthRoutes(async () => undefined))
  app.use(accessLog(logger))
  app.use(viewSettings())
  app.use(pageSecurity(config.allowedHosts ?? ['127.0.0.1', 'localhost', '::1']))
  app.use(staticRoutes())
  app.use(langRoutes())
  app.use(unlockRoutes(deps))
  app.use(requireSession(deps.sessions, deps.walletExists))
  app.use(sessionForms())
  app.use(cardRoutes(deps))
  app.use(presentRoutes(deps))
  app.use(historyRoutes())
  app.use(apiRoutes())
  app.use((_req, _res, next) => next(new EidError('not_found', 'no such page')))
  app.use(errorHandler(logger))
  return { app, wallet, logger, close: async () => undefined }
}
