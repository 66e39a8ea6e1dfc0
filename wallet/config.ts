// Wallet configuration from environment variables (CLI and HTTP app entry points).
import { EidError } from '../shared/errors/index.ts'
import { SD_JWT_POLICIES, defaultWalletDir } from './core/index.ts'
import type { SdJwtPolicy, WalletConfig } from './core/index.ts'

/**
 * Reads `WALLET_PASSPHRASE` (required), `WALLET_DIR` (default `<EID_DATA_DIR or ./data>/wallet`),
 * `WALLET_TRUSTED_REGISTRAR` (registrar root certificate: file path or URL, PEM or base64 DER),
 * `WALLET_TRUSTED_ISSUERS` (comma-separated: credential issuer identifiers (http(s) URLs) whose offers are accepted,
 * and root certificates, each inline PEM or a file path, under which an issuer whose signing certificate names it is
 * accepted; none: every offer is refused),
 * `WALLET_ALLOW_HTTP_HOSTS` (comma-separated hostnames reachable over plain http, e.g.
 * `127.0.0.1,localhost` for the local demo), `WALLET_BATCH_SIZE` (default 10) and `WALLET_KDF_N` (scrypt N of the
 * wallet file, a power of two, default 2^17; tests lower it for speed, never below 2^10) and `WALLET_SDJWT_POLICY`
 * (`once-only`, the default: each SD-JWT copy presented once; or `per-service`: one copy per service, reused there).
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
  const kdfN = env.WALLET_KDF_N === undefined ? undefined : Number(env.WALLET_KDF_N)
  if (kdfN !== undefined && (!Number.isInteger(kdfN) || kdfN < 1024 || kdfN > 1_048_576 || (kdfN & (kdfN - 1)) !== 0)) {
    throw new EidError('invalid_request', 'WALLET_KDF_N must be a power of two from 1024 to 1048576')
  }
  const policy = env.WALLET_SDJWT_POLICY === undefined || env.WALLET_SDJWT_POLICY === '' ? undefined : env.WALLET_SDJWT_POLICY
  if (policy !== undefined && !(SD_JWT_POLICIES as readonly string[]).includes(policy)) {
    throw new EidError('invalid_request', `WALLET_SDJWT_POLICY must be one of ${SD_JWT_POLICIES.join(', ')}`)
  }
  const trustedIssuerEntries = (env.WALLET_TRUSTED_ISSUERS ?? '').split(',').map((i) => i.trim()).filter((i) => i.length > 0)
  return {
    dir: defaultWalletDir(env),
    ...(policy !== undefined ? { sdJwtPolicy: policy as SdJwtPolicy } : {}),
    ...(kdfN !== undefined ? { kdf: { N: kdfN, r: 8, p: 1 } } : {}),
    passphrase,
    ...(env.WALLET_TRUSTED_REGISTRAR ? { trustedRegistrar: env.WALLET_TRUSTED_REGISTRAR } : {}),
    trustedIssuers: trustedIssuerEntries.filter(isUrl),
    trustedIssuerRoots: trustedIssuerEntries.filter((e) => !isUrl(e)),
    allowHttpHosts: (env.WALLET_ALLOW_HTTP_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h.length > 0),
    ...(batch !== undefined ? { batchSize: batch } : {}),
  }
}

/** An issuer identifier (an http(s) URL) rather than a root certificate (inline PEM or a file path). */
const isUrl = (entry: string): boolean => /^https?:\/\//i.test(entry)
