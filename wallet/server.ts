// Starts the wallet web app from the environment: WALLET_* (see wallet/config.ts), WALLET_PORT (4003), HOST (127.0.0.1).
import { createWalletApp } from './app.ts'
import { walletConfigFromEnv } from './config.ts'

const port = Number(process.env.WALLET_PORT ?? 4003)
const host = process.env.HOST ?? '127.0.0.1'
const { app, logger } = await createWalletApp(walletConfigFromEnv())
app.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}` }, 'wallet listening')
})
