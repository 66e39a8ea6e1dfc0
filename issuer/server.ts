// Issuer server entry: reads the environment, builds the app, listens. `tsx issuer/server.ts`.
import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { createIssuerApp } from './app.ts'

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
}

const statusTtl = process.env.ISSUER_STATUS_TTL_SECONDS
const statusTtlSeconds = statusTtl === undefined || statusTtl === '' ? undefined : Number(statusTtl)
if (statusTtlSeconds !== undefined && !(Number.isInteger(statusTtlSeconds) && statusTtlSeconds >= 1)) {
  console.error('ISSUER_STATUS_TTL_SECONDS must be a whole number of seconds')
  process.exit(1)
}

// pid_bbs: ISSUER_BBS=off disables it; ISSUER_BBS_VALIDITY_SECONDS sets the credential validity (default 86400)
const bbsValidity = process.env.ISSUER_BBS_VALIDITY_SECONDS
const bbs = process.env.ISSUER_BBS === 'off' ? false : bbsValidity === undefined || bbsValidity === '' ? {} : { validitySeconds: Number(bbsValidity) }

const issuer = await createIssuerApp({ dataDir, issuerUrl, adminToken, logger, bbs, ...(statusTtlSeconds === undefined ? {} : { statusTtlSeconds }) })
const server = issuer.app.listen(port, host, () => {
  logger.info({ issuerUrl, host, port }, 'issuer listening')
})
// bound slow clients: a body or header that never finishes must not hold a connection for Node's default 5 minutes
server.requestTimeout = 30_000
server.headersTimeout = 10_000
const stop = (): void => {
  server.close(() => void issuer.close().then(() => process.exit(0)))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
