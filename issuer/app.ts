// createIssuerApp: the ID authority's express app (enrollment, OpenID4VCI issuance, registrar, status lists).
import type { RequestListener } from 'node:http'
import { join } from 'node:path'
import express from 'express'
import type { Express } from 'express'
import { pino } from 'pino'
import { fastThenApp, healthRoutes } from '../shared/http-server/index.ts'
import type { Logger } from 'pino'
import { openIssuerSqliteStore } from '../shared/store/index.ts'
import type { IssuerStore } from '../shared/store/index.ts'
import { resolveIssuerConfig } from './config.ts'
import type { IssuerConfig } from './config.ts'
import type { IssuerDeps } from './deps.ts'
import { adminAuth } from './http/admin-auth.ts'
import { deskRouter } from './desk/router.ts'
import { errorHandler, notFound } from './http/error-handler.ts'
import { accessLog } from './http/access-log.ts'
import { fastRoutes } from './http/fast-routes.ts'
import { createRateLimiter } from './http/rate-limit.ts'
import { loadAuthorityKeys } from './keys/authority-keys.ts'
import type { AuthorityKeys } from './keys/authority-keys.ts'
import { loadNonceKey } from './keys/nonce-key.ts'
import { enrollPerson } from './flows/enroll.ts'
import type { EnrollmentResponse } from './flows/enroll.ts'
import { registerRelyingParty } from './flows/register-relying-party.ts'
import type { RelyingPartyResponse } from './flows/register-relying-party.ts'
import { adminRouter } from './routes/admin.ts'
import { metadataRouter } from './routes/metadata.ts'
import { oid4vciRouter } from './routes/oid4vci.ts'
import { createStatusService } from './status/index.ts'
import { createBbsIssuer, issuerFormats } from './formats/index.ts'
import type { BbsIssuer, IssuerFormat } from './formats/index.ts'
import type { StatusService } from './status/index.ts'

export type { IssuerConfig } from './config.ts'
export type { EnrollmentResponse } from './flows/enroll.ts'
export type { RelyingPartyResponse } from './flows/register-relying-party.ts'

/** The running issuer: the express app, its store and keys (for tests and the demo), and `close`. */
export interface IssuerApp {
  app: Express
  /** What a server listens with: POST /token, /nonce and /credential answered without entering express, the rest by `app`. */
  handler: RequestListener
  /** In-process `POST /admin/enrollments` (same validation and response), for the demo and scripts. */
  enroll(body: unknown): Promise<EnrollmentResponse>
  /** In-process `POST /admin/relying-parties`. */
  registerRelyingParty(body: unknown): Promise<RelyingPartyResponse>
  store: IssuerStore
  keys: AuthorityKeys
  status: StatusService
  /** The BBS PID issuer (its key is in `<dataDir>/issuer/keys/bbs-issuer-key.json`), unless `bbs: false`. */
  bbs: BbsIssuer | undefined
  logger: Logger
  close(): Promise<void>
}

/** Builds the issuer: opens the store and keys under `<dataDir>/issuer/` (creating them on first start) and wires every route. */
export async function createIssuerApp(config: IssuerConfig): Promise<IssuerApp> {
  const c = resolveIssuerConfig(config)
  const logger = config.logger ?? pino({ name: 'issuer' })
  const dir = join(c.dataDir, 'issuer')
  const keys = await loadAuthorityKeys(join(dir, 'keys'), { authority: c.authorityName, registrar: c.authorityName, issuerUrl: c.issuerUrl }, c.now, c.credentialValidityDays * 86400)
  const store = config.store ?? openIssuerSqliteStore(join(dir, 'issuer.db'))
  const status = await createStatusService({
    store,
    baseUrl: c.issuerUrl,
    // called at each signature, so a rotated issuing key signs the next list tokens. `kid` only, no x5c: the key is
    // published in the issuer's JWKS (/.well-known/jwt-vc-issuer), the trust path verifiers already use for the issuer,
    // and the certificate would be a third of the served token (issue 13: token within 3x of its entropy bound)
    signer: () => ({ alg: keys.issuing.key.alg, privateKey: keys.issuing.key.privateKey, kid: keys.issuing.key.kid }),
    now: c.now,
    ttlSeconds: c.statusTtlSeconds,
    epochSeconds: c.statusEpochSeconds,
    ...(c.statusListBaseUrl !== undefined ? { statusListBaseUrl: c.statusListBaseUrl } : {}),
    ...(c.statusListDir !== undefined
      ? { staticDir: c.statusListDir, onStaticWriteError: (err: unknown) => logger.error({ code: 'status_list_dir_write_failed', errno: (err as { code?: unknown }).code }, 'status list file not written') }
      : {}),
  })
  const bbs = config.bbs === false ? undefined : createBbsIssuer({ dataDir: c.dataDir, now: c.now(), ...(config.bbs ? { config: config.bbs } : {}) })
  const formats: IssuerFormat[] = []
  const deps: IssuerDeps = { config: c, store, keys, status, logger, now: c.now, nonceKey: loadNonceKey(join(dir, 'keys')), formats }
  formats.push(...issuerFormats(deps, { bbs }))

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', c.trustProxy)
  // token, nonce and credential requests in their plain shape, without express's per-request work; one rate limiter for both paths
  const limiter = createRateLimiter({ ...c.rateLimit, now: c.now })
  const fast = fastRoutes(deps, limiter)
  app.use(fast)
  // readiness: the store answers a read and the issuing key is loaded
  app.use(healthRoutes(async () => {
    await store.findRelyingParty('readyz-probe')
    if (!keys.issuing.key.privateKey) throw new Error('issuing key not loaded')
  }))
  app.use(accessLog(logger))
  app.use(metadataRouter(deps))
  app.use(status.router)
  app.use(oid4vciRouter(deps, limiter))
  const adminGuard = adminAuth(c.adminToken, { now: c.now })
  app.use('/admin', adminGuard)
  app.use(adminRouter(deps))
  app.use(status.adminRouter)
  app.use(deskRouter(deps, adminGuard, status)) // the registration desk's page, signed in with the same token
  app.use(notFound)
  app.use(errorHandler(logger))

  // Spent c_nonces (kept until they expire), expired tokens and unused offers are deleted an hour after they expire.
  const purge = setInterval(() => {
    store.purgeExpired(c.now(), 3600).catch((err: unknown) => logger.error({ errorName: err instanceof Error ? err.name : typeof err }, 'store purge failed'))
  }, 60_000)
  purge.unref()

  return {
    app,
    handler: fastThenApp(fast, app),
    enroll: (body) => enrollPerson(deps, body),
    registerRelyingParty: (body) => registerRelyingParty(deps, body),
    store,
    keys,
    status,
    bbs,
    logger,
    async close() {
      clearInterval(purge)
      status.close()
      if (!config.store) await store.close() // a store passed in belongs to the caller
    },
  }
}
