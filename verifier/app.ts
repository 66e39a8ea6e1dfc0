// createVerifierApp: the relying party's verifier (OpenID4VP 1.0 request objects, direct_post, SD-JWT VC validation, RP API).
import type { RequestListener } from 'node:http'
import { join } from 'node:path'
import express from 'express'
import type { Express } from 'express'
import { pino } from 'pino'
import { fastThenApp, healthRoutes } from '../shared/http-server/index.ts'
import type { Logger } from 'pino'
import { openVerifierSqliteStore } from '../shared/store/verifier/index.ts'
import type { VerifierStore } from '../shared/store/verifier/index.ts'
import { resolveVerifierConfig } from './config.ts'
import type { VerifierConfig } from './config.ts'
import type { VerifierDeps } from './deps.ts'
import { createVerifierIssuerKeys, createVerifierStatusChecker } from './flows/issuer-trust.ts'
import { preparePresets } from './flows/create-presentation.ts'
import { readOwnRegistration } from './flows/own-registration.ts'
import { prepareVerifierDeps } from './flows/prepare-deps.ts'
import { accessLog } from './http/access-log.ts'
import { fastRoutes } from './http/fast-routes.ts'
import { notFoundHandler, verifierErrorHandler } from './http/error-handler.ts'
import { apiDocsRouter } from './routes/api-docs.ts'
import { presentationsRouter } from './routes/presentations.ts'
import { walletRouter } from './routes/wallet.ts'
import { createWebhookSender } from './webhooks/index.ts'
import type { WebhookSender } from './webhooks/index.ts'

/** The running verifier: the express app, its store, its client_id, and `close`. */
export interface VerifierApp {
  app: Express
  /** What a server listens with: the hot routes answered without entering express, the rest by `app`. */
  handler: RequestListener
  store: VerifierStore
  clientId: string
  /** The scope of the pseudonyms this service receives (its registrar-assigned service_id). */
  pseudonymScope: string
  logger: Logger
  /** The webhook sender, when `webhook` is configured (`idle()` waits for pending deliveries). */
  webhook: WebhookSender | undefined
  close(): Promise<void>
}

/** Builds the verifier: opens `<dataDir>/verifier/verifier.db` (or the given store), reads its registration, wires every route. */
export async function createVerifierApp(config: VerifierConfig): Promise<VerifierApp> {
  const c = resolveVerifierConfig(config)
  const logger = config.logger ?? pino({ name: 'verifier' })
  const { clientId, pseudonymScope, registration } = await readOwnRegistration(c.relyingParty, c.registrarRoots, c.now())
  const store = config.store ?? openVerifierSqliteStore(c.dataDir === ':memory:' ? ':memory:' : join(c.dataDir, 'verifier', 'verifier.db'))
  const issuerKeys = createVerifierIssuerKeys(c)
  const status = config.statusChecker === false ? undefined : config.statusChecker ?? createVerifierStatusChecker(c, issuerKeys)
  if (status === undefined) logger.warn('credential status (revocation) is not checked')
  const webhook = c.webhook ? createWebhookSender(c.webhook, { logger, now: c.now }) : undefined
  // the request-object signer and authorization request builder are prepared here, once, not at the first request
  const deps: VerifierDeps = prepareVerifierDeps({ config: c, store, logger, now: c.now, clientId, pseudonymScope, registration, issuerKeys, status, ...(webhook ? { webhook } : {}) })

  // once at start, not at the first request: every preset's query built and parsed
  preparePresets(c.presetVct)

  const app = express()
  app.disable('x-powered-by')
  // direct_post, request objects and session creation in their plain shape, without express's per-request work
  const fast = fastRoutes(deps)
  app.use(fast)
  // readiness: the store answers a read (the request-signing key was loaded above, before the app existed)
  app.use(healthRoutes(async () => {
    await store.getSession('readyz-probe')
  }))
  app.use(accessLog(logger, clientId))
  app.use(apiDocsRouter(c.verifierUrl))
  app.use(presentationsRouter(deps))
  app.use(walletRouter(deps))
  app.use(notFoundHandler)
  app.use(verifierErrorHandler(logger))

  // Finished and expired sessions are kept an hour for polling, then deleted.
  const purge = setInterval(() => {
    store.purgeExpired(c.now(), 3600).catch((err: unknown) => logger.error({ errorName: err instanceof Error ? err.name : typeof err }, 'session purge failed'))
  }, 60_000)
  purge.unref()

  return {
    app,
    handler: fastThenApp(fast, app),
    store,
    clientId,
    pseudonymScope,
    logger,
    webhook,
    async close() {
      clearInterval(purge)
      webhook?.close()
      await store.close()
    },
  }
}
