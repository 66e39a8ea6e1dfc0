// Starts the wallet web app from the environment: WALLET_* (see wallet/config.ts), WALLET_PORT (4003), HOST (127.0.0.1).
// WALLET_PASSPHRASE is optional here: the page asks for the passphrase; when set, the wallet is also opened at start
// so BBS credentials are renewed and SD-JWT batches topped up in the background. SIGTERM drains in-flight requests, then exits.
import { graceFromEnv, serveApp } from '../shared/http-server/index.ts'
import { createWalletApp } from './app.ts'
import { walletConfigFromEnv } from './config.ts'
import { startWalletBackground } from './background.ts'

const port = Number(process.env.WALLET_PORT ?? 4003)
const host = process.env.HOST ?? '127.0.0.1'
const envPassphrase = process.env.WALLET_PASSPHRASE || undefined
// walletConfigFromEnv insists on a passphrase (the CLI needs one); the page does not, so a placeholder is dropped again.
const { passphrase: _placeholder, ...config } = walletConfigFromEnv({ ...process.env, WALLET_PASSPHRASE: envPassphrase ?? 'set-on-the-page' })
const { app, logger, wallet, close } = await createWalletApp({ ...config, ...(envPassphrase !== undefined ? { passphrase: envPassphrase } : {}) })
// BBS renewal, SD-JWT top-up and registrar roots, each on its own random schedule (wallet/background.ts)
if (wallet !== undefined) startWalletBackground(wallet, logger)
await serveApp({ name: 'wallet', host, port, handler: app, logger, close, graceMs: graceFromEnv(process.env.SHUTDOWN_GRACE_MS), fields: { url: `http://${host}:${port}` } })
