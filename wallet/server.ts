// Starts the wallet web app from the environment: WALLET_* (see wallet/config.ts), WALLET_PORT (4003), HOST (127.0.0.1).
// WALLET_PASSPHRASE is optional here: the page asks for the passphrase; when set, the wallet is also opened at start
// so BBS credentials are renewed in the background. SIGTERM drains in-flight requests, then exits.
import { graceFromEnv, serveApp } from '../shared/http-server/index.ts'
import { createWalletApp } from './app.ts'
import { walletConfigFromEnv } from './config.ts'
import { startBbsRefreshSchedule, startTopUpSchedule, startTrustRefreshSchedule } from './core/index.ts'

const port = Number(process.env.WALLET_PORT ?? 4003)
const host = process.env.HOST ?? '127.0.0.1'
const envPassphrase = process.env.WALLET_PASSPHRASE || undefined
// walletConfigFromEnv insists on a passphrase (the CLI needs one); the page does not, so a placeholder is dropped again.
const { passphrase: _placeholder, ...config } = walletConfigFromEnv({ ...process.env, WALLET_PASSPHRASE: envPassphrase ?? 'set-on-the-page' })
const { app, logger, wallet, close } = await createWalletApp({ ...config, ...(envPassphrase !== undefined ? { passphrase: envPassphrase } : {}) })
// BBS credentials are renewed at random times, not when a visit finds them expired (docs/THREAT-MODEL.md, BBS)
if (wallet !== undefined) {
  startBbsRefreshSchedule(wallet, {
    onRefreshed: (n) => n > 0 && logger.info({ refreshed: n }, 'BBS credentials refreshed'),
    onError: (err) => logger.warn({ code: (err as { code?: string }).code ?? 'internal_error' }, 'BBS refresh failed'),
  })
  // SD-JWT batches topped up through the refresh grant at random times, never at a presentation (docs/protocol/wallet.md)
  startTopUpSchedule(wallet, {
    onToppedUp: (n) => n > 0 && logger.info({ added: n }, 'SD-JWT batch topped up'),
    onError: (err) => logger.warn({ code: (err as { code?: string }).code ?? 'internal_error' }, 'SD-JWT top-up failed'),
  })
  // registrar roots likewise: stored in the wallet file, reloaded at random times, never fetched while presenting
  startTrustRefreshSchedule(wallet, {
    onError: (err) => logger.warn({ code: (err as { code?: string }).code ?? 'internal_error' }, 'registrar root refresh failed'),
  })
}
await serveApp({ name: 'wallet', host, port, handler: app, logger, close, graceMs: graceFromEnv(process.env.SHUTDOWN_GRACE_MS), fields: { url: `http://${host}:${port}` } })
