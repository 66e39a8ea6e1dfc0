// `npm start` configuration from the environment: ports, host, data folder, secrets (demo values when unset).
import { randomBytes } from 'node:crypto'
import { DEMO_FILES, keptSecret, randomDemoSecret } from './demo-secrets.ts'

export interface StartConfig {
  host: string
  issuerPort: number
  verifierPort: number
  walletPort: number
  shopPort: number
  dataDir: string
  issuerUrl?: string
  verifierUrl?: string
  adminToken: string
  apiKey: string
  walletPassphrase: string
  /** Which secrets were generated for this run (printed as demo values). */
  generated: { adminToken: boolean; apiKey: boolean; walletPassphrase: boolean }
  logLevel: string
  /** Status epoch, seconds (`STATUS_EPOCH_SECONDS`, default 30 here so the demo shows a revocation soon; production 900). */
  statusEpochSeconds: number
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0 for any free port)`)
  return n
}

function epochSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 30
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 86_400) throw new Error('STATUS_EPOCH_SECONDS must be a whole number of seconds from 0 to 86400')
  return n
}

/** Reads the environment; throws on malformed values. */
export function startConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StartConfig {
  const dataDir = env.EID_DATA_DIR || './data'
  const secret = (v: string | undefined, name: string): string | undefined => {
    if (v === undefined || v === '') return undefined
    if (v.length < 16) throw new Error(`${name} must be at least 16 characters`)
    return v
  }
  const adminToken = secret(env.ISSUER_ADMIN_TOKEN, 'ISSUER_ADMIN_TOKEN')
  const apiKey = secret(env.VERIFIER_API_KEY, 'VERIFIER_API_KEY')
  const passphrase = env.WALLET_PASSPHRASE || undefined
  return {
    host: env.HOST || '127.0.0.1',
    issuerPort: port(env, 'ISSUER_PORT', 4001),
    verifierPort: port(env, 'VERIFIER_PORT', 4002),
    walletPort: port(env, 'WALLET_PORT', 4003),
    shopPort: port(env, 'SHOP_PORT', 4004),
    dataDir,
    ...(env.ISSUER_URL ? { issuerUrl: env.ISSUER_URL } : {}),
    ...(env.VERIFIER_URL ? { verifierUrl: env.VERIFIER_URL } : {}),
    // generated once per data folder and kept there (0600), so a restart keeps them
    adminToken: adminToken ?? keptSecret(dataDir, DEMO_FILES.adminToken, randomDemoSecret),
    apiKey: apiKey ?? keptSecret(dataDir, DEMO_FILES.apiKey, randomDemoSecret),
    walletPassphrase: passphrase ?? keptSecret(dataDir, DEMO_FILES.walletPassphrase, () => `demo-${randomBytes(9).toString('base64url')}`),
    generated: { adminToken: adminToken === undefined, apiKey: apiKey === undefined, walletPassphrase: passphrase === undefined },
    logLevel: env.LOG_LEVEL || 'info',
    statusEpochSeconds: epochSeconds(env.STATUS_EPOCH_SECONDS),
  }
}

/** Quotes a word for POSIX shells (single quotes; embedded ones closed and escaped). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:,=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`
}
