// Verifier server entry: reads the environment, loads (or registers) the relying party, builds the app, then listens
// (the port opens only once the app can answer); SIGTERM drains in-flight requests (SHUTDOWN_GRACE_MS) and closes the
// store. `tsx verifier/server.ts`. WORKERS=n|auto runs n processes (node:cluster) sharing the port and the store.
//
// VERIFIER_PORT (4002), HOST (127.0.0.1), EID_DATA_DIR (./data), VERIFIER_URL (http://HOST:PORT),
// VERIFIER_API_KEY (required; generated when EID_DEMO=1), VERIFIER_WEBHOOK_URL and VERIFIER_WEBHOOK_SECRET (the
// service's signed result callback; the URL registered with the registrar), VERIFIER_TRUSTED_ISSUERS (comma-separated issuer
// identifiers; default ISSUER_URL), VERIFIER_RP_FILE (<EID_DATA_DIR>/verifier/relying-party.json).
// When the RP file is absent and ISSUER_URL + ISSUER_ADMIN_TOKEN are set, the verifier registers itself with the
// registrar as VERIFIER_RP_NAME ("Demo Shop"), VERIFIER_RP_PURPOSE, VERIFIER_RP_CLAIMS (comma-separated top-level
// claim names, default "age_over_18,age_over_21,age_over_65,region").
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { pino } from 'pino'
import { graceFromEnv, serveWorkers, workerCount } from '../shared/http-server/index.ts'
import type { BuiltApp } from '../shared/http-server/index.ts'
import { databaseUrlFromEnv, openVerifierPostgresStore } from '../shared/store/postgres/index.ts'
import { createVerifierApp } from './app.ts'
import { loadRelyingPartyFile, registerRelyingPartyWithRegistrar } from './relying-party-file.ts'

// Log lines are written asynchronously (a write at a time, lines queued meanwhile are written together), not one
// blocking write per line; pino flushes what is queued when the process exits.
const logger = pino({ name: 'verifier' }, pino.destination({ dest: 1, sync: false }))
const env = process.env
const port = Number(env.VERIFIER_PORT ?? 4002)
const host = env.HOST ?? '127.0.0.1'
const dataDir = env.EID_DATA_DIR ?? './data'
const verifierUrl = (env.VERIFIER_URL ?? `http://${host}:${port}`).replace(/\/$/, '')
const issuerUrl = env.ISSUER_URL?.replace(/\/$/, '')
const rpFile = env.VERIFIER_RP_FILE ?? join(dataDir, 'verifier', 'relying-party.json')

let apiKey = env.VERIFIER_API_KEY
if (apiKey === undefined || apiKey === '') {
  if (env.EID_DEMO !== '1') {
    console.error('VERIFIER_API_KEY is required (set EID_DEMO=1 to run with a generated demo key)')
    process.exit(1)
  }
  apiKey = randomBytes(24).toString('base64url')
  console.log(`demo verifier API key: ${apiKey}`)
  env.VERIFIER_API_KEY = apiKey // workers (WORKERS > 1) inherit it
}

// direct_post.jwt keys derive from this secret: workers (WORKERS > 1) inherit the one the primary picks
env.VERIFIER_RESPONSE_KEY_SECRET ??= randomBytes(32).toString('base64url')
const responseKeySecret = new Uint8Array(Buffer.from(env.VERIFIER_RESPONSE_KEY_SECRET, 'base64url'))
const profile = env.VERIFIER_PROFILE === 'haip' ? 'haip' : undefined
if (env.VERIFIER_PROFILE !== undefined && env.VERIFIER_PROFILE !== '' && profile === undefined) throw new Error('VERIFIER_PROFILE must be haip or unset')
// a typo must not quietly fall back to unencrypted answers
const responseMode = env.VERIFIER_RESPONSE_MODE === 'direct_post' || env.VERIFIER_RESPONSE_MODE === 'direct_post.jwt' ? env.VERIFIER_RESPONSE_MODE : undefined
if (env.VERIFIER_RESPONSE_MODE !== undefined && env.VERIFIER_RESPONSE_MODE !== '' && responseMode === undefined) throw new Error('VERIFIER_RESPONSE_MODE must be direct_post, direct_post.jwt or unset')
const trusted = (env.VERIFIER_TRUSTED_ISSUERS ?? issuerUrl ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
if (trusted.length === 0) {
  console.error('VERIFIER_TRUSTED_ISSUERS (or ISSUER_URL) must name at least one issuer')
  process.exit(1)
}

let workers: number
let graceMs: number
let databaseUrl: string | undefined
try {
  workers = workerCount(env.WORKERS)
  graceMs = graceFromEnv(env.SHUTDOWN_GRACE_MS)
  databaseUrl = databaseUrlFromEnv(env.DATABASE_URL)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

// the primary registers (workers find the file it wrote)
if (!existsSync(rpFile)) {
  if (issuerUrl === undefined || !env.ISSUER_ADMIN_TOKEN) {
    console.error(`${rpFile} is missing: register the service with the registrar first (or set ISSUER_URL and ISSUER_ADMIN_TOKEN)`)
    process.exit(1)
  }
  await registerRelyingPartyWithRegistrar({
    registrarUrl: issuerUrl,
    adminToken: env.ISSUER_ADMIN_TOKEN,
    name: env.VERIFIER_RP_NAME ?? 'Demo Shop',
    purpose: env.VERIFIER_RP_PURPOSE ?? 'Age verification before sale',
    allowedClaims: (env.VERIFIER_RP_CLAIMS ?? 'age_over_18,age_over_21,age_over_65,region').split(',').map((c) => [c.trim()]),
    ...(env.VERIFIER_WEBHOOK_URL ? { callback: env.VERIFIER_WEBHOOK_URL } : {}),
    origins: [new URL(verifierUrl).origin],
    file: rpFile,
  })
  logger.info({ rpFile }, 'registered with the registrar')
}
const rp = await loadRelyingPartyFile(rpFile)

// The webhook goes only to the callback registered for the service (recorded in the relying-party file at registration).
const webhookUrl = env.VERIFIER_WEBHOOK_URL || rp.callback
if (env.VERIFIER_WEBHOOK_URL && rp.callback !== undefined && env.VERIFIER_WEBHOOK_URL !== rp.callback) {
  console.error(`VERIFIER_WEBHOOK_URL is not the callback registered for this service (${rp.callback}): register again to change it`)
  process.exit(1)
}
if (webhookUrl && !env.VERIFIER_WEBHOOK_SECRET) {
  console.error('VERIFIER_WEBHOOK_SECRET (at least 32 characters, shared with the service) is required with a webhook callback')
  process.exit(1)
}

/** The app on SQLite under the data folder, or on PostgreSQL (DATABASE_URL); `close` closes both. */
async function build(): Promise<BuiltApp> {
  const store = databaseUrl === undefined ? undefined : await openVerifierPostgresStore(databaseUrl)
  const verifier = await createVerifierApp({
    ...(store ? { store } : {}),
    dataDir,
    verifierUrl,
    apiKey: apiKey as string,
    trustedIssuers: trusted.map((issuer) => ({ issuer })),
    // static copies of status lists (an issuer's STATUS_LIST_DIR behind a web server or CDN), comma-separated base URLs
    statusListBaseUrls: (env.VERIFIER_STATUS_LIST_BASE_URLS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    relyingParty: rp.credentials,
    ...(rp.registrarRoot !== undefined ? { registrarRoots: [rp.registrarRoot] } : {}),
    ...(webhookUrl && env.VERIFIER_WEBHOOK_SECRET ? { webhook: { url: webhookUrl, secret: env.VERIFIER_WEBHOOK_SECRET } } : {}),
    responseKeySecret,
    ...(profile ? { profile } : {}),
    ...(responseMode ? { responseMode } : {}),
    logger,
  })
  return { handler: verifier.handler, close: verifier.close, fields: { clientId: verifier.clientId } } // the verifier app closes the store it was given
}
// with WORKERS > 1 the primary builds once first: the database is created before the workers open it
await serveWorkers(workers, build, { name: 'verifier', host, port, logger, graceMs, fields: { verifierUrl, store: databaseUrl === undefined ? 'sqlite' : 'postgres' } })
