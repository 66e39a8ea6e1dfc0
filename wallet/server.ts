// Starts the wallet web app from the environment: WALLET_* (see wallet/config.ts), WALLET_PORT (4003), HOST (127.0.0.1).
import { createWalletApp } from './app.ts'
import { walletConfigFromEnv } from './config.ts'
import { startBbsRefreshSchedule } from './core/index.ts'

const port = Number(process.env.WALLET_PORT ?? 4003)
const host = process.env.HOST ?? '127.0.0.1'
const { app, logger, wallet } = await createWalletApp(walletConfigFromEnv())
// BBS credentials are renewed at random times, not when a visit finds them expired (docs/THREAT-MODEL.md, BBS)
startBbsRefreshSchedule(wallet, {
  onRefreshed: (n) => n > 0 && logger.info({ refreshed: n }, 'BBS credentials refreshed'),
  onError: (err) => logger.warn({ code: (err as { code?: string }).code ?? 'internal_error' }, 'BBS refresh failed'),
})
const server = app.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}` }, 'wallet listening')
})
// bound slow clients: a body or header that never finishes must not hold a connection for Node's default 5 minutes
server.requestTimeout = 30_000
server.headersTimeout = 10_000
