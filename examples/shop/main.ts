// Runs the demo shop alone: `tsx examples/shop/main.ts` with VERIFIER_URL and VERIFIER_API_KEY (npm start runs it too).
// SHOP_PORT (4004), SHOP_HOST (127.0.0.1), WALLET_URL (a web wallet for the same-device button; optional).
import { startShop } from './shop.ts'

const env = process.env
if (!env.VERIFIER_URL || !env.VERIFIER_API_KEY) {
  console.error('VERIFIER_URL and VERIFIER_API_KEY are required')
  process.exit(1)
}
const shop = await startShop({
  host: env.SHOP_HOST || '127.0.0.1',
  port: Number(env.SHOP_PORT || 4004),
  verifierUrl: env.VERIFIER_URL.replace(/\/+$/, ''),
  apiKey: env.VERIFIER_API_KEY,
  ...(env.WALLET_URL ? { walletUrl: env.WALLET_URL.replace(/\/+$/, '') } : {}),
})
console.log(`demo shop: ${shop.url}/`)
const stop = (): void => void shop.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
