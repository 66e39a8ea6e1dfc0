// Issuer server entry: reads the environment, builds the app, then listens (the port opens only once the app can
// answer); SIGTERM drains in-flight requests (SHUTDOWN_GRACE_MS) and closes the store. `tsx issuer/server.ts`.
// WORKERS=n|auto runs n processes (node:cluster) sharing the port, the data folder and the store.
import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { graceFromEnv, serveWorkers, workerCount } from '../shared/http-server/index.ts'
import type { BuiltApp } from '../shared/http-server/index.ts'
import { databaseUrlFromEnv, openIssuerPostgresStore } from '../shared/store/postgres/index.ts'
import { createIssuerApp } from './app.ts'
import type { IssuerConfig } from './app.ts'

const logger = pino({ name: 'issuer' })
const port = Number(process.env.ISSUER_PORT ?? 4001)
const host = process.env.HOST ?? '127.0.0.1'
const dataDir = process.env.EID_DATA_DIR ?? './data'
const issuerUrl = (process.env.ISSUER_URL ?? `http://${host}:${port}`).replace(/\/$/, '')
const demo = process.env.EID_DEMO === '1'
let adminToken = process.env.ISSUER_ADMIN_TOKEN
if (adminToken === undefined || adminToken === '') {
  if (!demo) {
    console.error('ISSUER_ADMIN_TOKEN is required (set EID_DEMO=1 to run with a generated demo token)')
    process.exit(1)
  }
  adminToken = randomBytes(24).toString('base64url')
  console.log(`demo admin token: ${adminToken}`)
  process.env.ISSUER_ADMIN_TOKEN = adminToken // workers (WORKERS > 1) inherit it
}

const statusTtl = process.env.ISSUER_STATUS_TTL_SECONDS
const statusTtlSeconds = statusTtl === undefined || statusTtl === '' ? undefined : Number(statusTtl)
if (statusTtlSeconds !== undefined && !(Number.isInteger(statusTtlSeconds) && statusTtlSeconds >= 1)) {
  console.error('ISSUER_STATUS_TTL_SECONDS must be a whole number of seconds')
  process.exit(1)
}

// STATUS_EPOCH_SECONDS: status lists change only at epoch boundaries (default 900; 0 publishes every change at once)
const statusEpoch = process.env.STATUS_EPOCH_SECONDS
const statusEpochSeconds = statusEpoch === undefined || statusEpoch === '' ? 900 : Number(statusEpoch)
if (!(Number.isInteger(statusEpochSeconds) && statusEpochSeconds >= 0 && statusEpochSeconds <= 86_400)) {
  console.error('STATUS_EPOCH_SECONDS must be a whole number of seconds from 0 to 86400')
  process.exit(1)
}

// STATUS_LIST_DIR: a folder the signed status list tokens are also written to; STATUS_LIST_BASE_URL: its public URL
const statusListDir = process.env.STATUS_LIST_DIR || undefined
const statusListBaseUrl = process.env.STATUS_LIST_BASE_URL || undefined
if (statusListBaseUrl !== undefined && !/^https?:\/\//.test(statusListBaseUrl)) {
  console.error('STATUS_LIST_BASE_URL must be an absolute http(s) URL')
  process.exit(1)
}

// pid_bbs: ISSUER_BBS=off disables it; ISSUER_BBS_VALIDITY_SECONDS (default 86400), ISSUER_BBS_REVOCATION_WINDOW_SECONDS
// (default 86400: every pid_bbs expires at most this long after issuance, so a revoked or suspended person's stops
// verifying within it plus the verifiers' clock skew) and ISSUER_BBS_EXPIRY_ROUNDING_SECONDS (default 86400)
const bbsEnv = (name: string): number | undefined => (process.env[name] === undefined || process.env[name] === '' ? undefined : Number(process.env[name]))
const bbsSettings = {
  validitySeconds: bbsEnv('ISSUER_BBS_VALIDITY_SECONDS'),
  revocationWindowSeconds: bbsEnv('ISSUER_BBS_REVOCATION_WINDOW_SECONDS'),
  expiryRoundingSeconds: bbsEnv('ISSUER_BBS_EXPIRY_ROUNDING_SECONDS'),
}
const bbs = process.env.ISSUER_BBS === 'off' ? false : Object.fromEntries(Object.entries(bbsSettings).filter(([, v]) => v !== undefined))

// token and nonce endpoint requests per client IP per minute (default 60); behind a proxy set by trust proxy
const ratePerMinute = process.env.ISSUER_RATE_LIMIT_PER_MINUTE
const rateLimit = ratePerMinute === undefined || ratePerMinute === '' ? undefined : { max: Number(ratePerMinute), windowSeconds: 60 }
if (rateLimit !== undefined && !(Number.isInteger(rateLimit.max) && rateLimit.max >= 1)) {
  console.error('ISSUER_RATE_LIMIT_PER_MINUTE must be a whole number of requests')
  process.exit(1)
}

let workers: number
let graceMs: number
let databaseUrl: string | undefined
try {
  workers = workerCount(process.env.WORKERS)
  graceMs = graceFromEnv(process.env.SHUTDOWN_GRACE_MS)
  databaseUrl = databaseUrlFromEnv(process.env.DATABASE_URL)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

const config: IssuerConfig = { dataDir, issuerUrl, adminToken, logger, bbs, ...(statusTtlSeconds === undefined ? {} : { statusTtlSeconds }),
  statusEpochSeconds,
  ...(statusListDir ? { statusListDir } : {}), ...(statusListBaseUrl ? { statusListBaseUrl } : {}), ...(rateLimit ? { rateLimit } : {}) }
/** The app on SQLite under the data folder, or on PostgreSQL (DATABASE_URL); `close` closes both app and store. */
async function build(): Promise<BuiltApp> {
  const store = databaseUrl === undefined ? undefined : await openIssuerPostgresStore(databaseUrl)
  const issuer = await createIssuerApp({ ...config, ...(store ? { store } : {}) })
  const close = async (): Promise<void> => {
    await issuer.close()
    await store?.close() // a store passed in belongs to the caller
  }
  return { handler: issuer.handler, close }
}
// with WORKERS > 1 the primary builds once first: the keys and the database are created before the workers open them
await serveWorkers(workers, build, { name: 'issuer', host, port, logger, graceMs, fields: { issuerUrl, store: databaseUrl === undefined ? 'sqlite' : 'postgres' } })
