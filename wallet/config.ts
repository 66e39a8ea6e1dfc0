// Wallet configuration from environment variables (CLI and HTTP app entry points).
import { EidError } from '../shared/errors/index.ts'
import { defaultWalletDir } from './core/index.ts'
import type { WalletConfig } from './core/index.ts'

/**
 * Reads `WALLET_PASSPHRASE` (required), `WALLET_DIR` (default `<EID_DATA_DIR or ./data>/wallet`),
 * `WALLET_TRUSTED_REGISTRAR` (registrar root certificate: file path or URL, PEM or base64 DER),
 * `WALLET_ALLOW_HTTP_HOSTS` (comma-separated hostnames reachable over plain http, e.g.
 * `127.0.0.1,localhost` for the local demo) and `WALLET_BATCH_SIZE` (default 10).
 */
export function walletConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WalletConfig {
  const passphrase = env.WALLET_PASSPHRASE
  if (passphrase === undefined || passphrase.length === 0) {
    throw new EidError('wallet_passphrase_missing', 'set WALLET_PASSPHRASE to the passphrase that encrypts the wallet')
  }
  const batch = env.WALLET_BATCH_SIZE === undefined ? undefined : Number(env.WALLET_BATCH_SIZE)
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 100)) {
    throw new EidError('invalid_request', 'WALLET_BATCH_SIZE must be an integer from 1 to 100')
  }
  return {
    dir: defaultWalletDir(env),
    passphrase,
    ...(env.WALLET_TRUSTED_REGISTRAR ? { trustedRegistrar: env.WALLET_TRUSTED_REGISTRAR } : {}),
    allowHttpHosts: (env.WALLET_ALLOW_HTTP_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h.length > 0),
    ...(batch !== undefined ? { batchSize: batch } : {}),
  }
}
