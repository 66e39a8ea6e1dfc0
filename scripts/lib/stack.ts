// Wiring of the three services in one process (npm start, npm run demo, the flow e2e tests): issuer, verifiers, wallet app.
import { existsSync } from 'node:fs'
import type { RequestListener } from 'node:http'
import { join } from 'node:path'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { createIssuerApp } from '../../issuer/app.ts'
import type { IssuerApp, IssuerConfig } from '../../issuer/app.ts'
import { REGISTRATION_CERTIFICATE_TYP, readRegistrationPayload } from '../../shared/registration/index.ts'
import type { ClaimsPath, Registration } from '../../shared/registration/index.ts'
import { createVerifierApp } from '../../verifier/app.ts'
import type { VerifierApp } from '../../verifier/app.ts'
import type { VerifierConfig } from '../../verifier/config.ts'
import { loadRelyingPartyFile, registerRelyingPartyWithRegistrar } from '../../verifier/relying-party-file.ts'
import type { RelyingPartyFile } from '../../verifier/relying-party-file.ts'
import { createWalletApp } from '../../wallet/app.ts'
import type { WalletAppConfig } from '../../wallet/app.ts'
import { startWalletBackground } from '../../wallet/background.ts'
import type { WalletBackground } from '../../wallet/background.ts'
import { openPort } from '../../shared/http-server/index.ts'

export interface RunningIssuer {
  url: string
  port: number
  issuer: IssuerApp
  adminToken: string
  /** URL of the registrar root certificate (PEM), the wallet's trust anchor for relying parties. */
  registrarRootUrl: string
  close(): Promise<void>
}

/** Starts the issuer on `host:port` with its files under `<dataDir>/issuer/`. */
export async function startIssuer(o: {
  host: string
  port: number
  dataDir: string
  adminToken: string
  publicUrl?: string
  logger?: Logger
  now?: () => number
  extra?: Partial<IssuerConfig>
}): Promise<RunningIssuer> {
  const listening = await openPort(o.host, o.port, o.publicUrl)
  let issuer: IssuerApp
  try {
    issuer = await createIssuerApp({
      dataDir: o.dataDir,
      issuerUrl: listening.url,
      adminToken: o.adminToken,
      logger: o.logger ?? pino({ name: 'issuer' }),
      ...(o.now ? { now: o.now } : {}),
      ...o.extra,
    })
  } catch (err) {
    await listening.close()
    throw err
  }
  listening.serve(issuer.handler)
  return {
    url: listening.url,
    port: listening.port,
    issuer,
    adminToken: o.adminToken,
    registrarRootUrl: `${listening.url}/pki/registrar-root.pem`,
    async close() {
      await listening.close()
      await issuer.close()
    },
  }
}

/** A relying party as registered with the registrar. */
export interface ServiceSpec {
  name: string
  purpose: string
  allowedClaims: ClaimsPath[]
  /** Origins of the service's pages, registered beside its verifier's (a wallet redirects only to these). */
  pageOrigins?: string[]
  /** The webhook callback URL recorded at registration (the verifier calls no other). */
  callback?: string
}

/**
 * The relying party's credentials in `file` (request-signing key, access certificate, registration certificate),
 * registering with the issuer's registrar (`POST /admin/relying-parties`, with `origin`, where the service answers)
 * only when the file is missing, was issued by another registrar, registers other claims or another origin, or
 * expires within a day. Restart-safe: a second start with the same file and address registers nothing.
 */
export async function ensureService(issuer: RunningIssuer, spec: ServiceSpec, file: string, now: number, origin: string): Promise<RelyingPartyFile & { registered: boolean }> {
  let previous: string | undefined
  if (existsSync(file)) {
    const rp = await loadRelyingPartyFile(file)
    if (registrationStillFits(rp, issuer.issuer.keys.registrarRoot.cert, spec, now, origin)) return { ...rp, registered: false }
    // Same registrar: renew under the same service_id, so people's pseudonyms at this service stay.
    if (rp.registrarRoot === issuer.issuer.keys.registrarRoot.cert) previous = rp.credentials.registrationCertificate
  }
  const rp = await registerRelyingPartyWithRegistrar({
    registrarUrl: issuer.url,
    adminToken: issuer.adminToken,
    name: spec.name,
    purpose: spec.purpose,
    allowedClaims: spec.allowedClaims,
    origins: originsOf(spec, origin),
    ...(spec.callback !== undefined ? { callback: spec.callback } : {}),
    file,
    ...(previous !== undefined ? { previousRegistrationCertificate: previous } : {}),
  })
  return { ...rp, registered: true }
}

/** The verifier's origin (where wallets post answers) and the service's page origins, without repeats. */
function originsOf(spec: ServiceSpec, verifierOrigin: string): string[] {
  return [...new Set([verifierOrigin, ...(spec.pageOrigins ?? [])])]
}

function registrationStillFits(rp: RelyingPartyFile, registrarRoot: string, spec: ServiceSpec, now: number, origin: string): boolean {
  if (rp.registrarRoot !== registrarRoot || rp.callback !== spec.callback) return false
  // A certificate of the older form (rc-rp+jwt) or with other content does not fit: the service registers again.
  if (decodeProtectedHeader(rp.credentials.registrationCertificate).typ !== REGISTRATION_CERTIFICATE_TYP) return false
  let claims: Registration
  try {
    claims = readRegistrationPayload(decodeJwt(rp.credentials.registrationCertificate))
  } catch {
    return false
  }
  return (
    claims.name === spec.name &&
    claims.purpose === spec.purpose &&
    JSON.stringify(claims.allowedClaims) === JSON.stringify(spec.allowedClaims) &&
    JSON.stringify(claims.origins) === JSON.stringify(originsOf(spec, origin)) &&
    claims.exp > now + 86400
  )
}

export interface RunningVerifier {
  url: string
  port: number
  verifier: VerifierApp
  clientId: string
  apiKey: string
  name: string
  rp: RelyingPartyFile
  /** The verifier's data folder (its database is `<dataDir>/verifier/verifier.db`). */
  dataDir: string
  close(): Promise<void>
}

/**
 * Starts a verifier for one relying party: trusts `issuer` (credentials' x5c to the authority root, status lists
 * and keys from the issuer) and signs its requests with the registered key. Database under `<dataDir>/verifier/`.
 */
export async function startVerifier(o: {
  host: string
  port: number
  dataDir: string
  apiKey: string
  issuer: RunningIssuer
  /** The service's credentials, or how to get them once its URL is known (registration records its origin). */
  rp: RelyingPartyFile | ((url: string) => Promise<RelyingPartyFile>)
  name: string
  publicUrl?: string
  logger?: Logger
  now?: () => number
  extra?: Partial<VerifierConfig>
  /** Wraps the app's request handler (the demo labels the verifier's own outbound fetches with it). */
  wrap?: (handler: RequestListener) => RequestListener
}): Promise<RunningVerifier> {
  const listening = await openPort(o.host, o.port, o.publicUrl)
  let verifier: VerifierApp
  let rp: RelyingPartyFile
  try {
    rp = typeof o.rp === 'function' ? await o.rp(listening.url) : o.rp
    verifier = await createVerifierApp({
      dataDir: o.dataDir,
      verifierUrl: listening.url,
      apiKey: o.apiKey,
      trustedIssuers: [{ issuer: o.issuer.url, rootCertificates: [o.issuer.issuer.keys.authorityRoot.cert] }],
      relyingParty: rp.credentials,
      registrarRoots: [o.issuer.issuer.keys.registrarRoot.cert],
      logger: o.logger ?? pino({ name: 'verifier' }),
      ...(o.now ? { now: o.now } : {}),
      ...o.extra,
    })
  } catch (err) {
    await listening.close()
    throw err
  }
  listening.serve(o.wrap ? o.wrap(verifier.handler) : verifier.handler)
  return {
    url: listening.url,
    port: listening.port,
    verifier,
    clientId: verifier.clientId,
    apiKey: o.apiKey,
    name: o.name,
    rp,
    dataDir: o.dataDir,
    async close() {
      await listening.close()
      await verifier.close()
    },
  }
}

/** Registers (or reloads) the service's credentials under `<dataDir>/verifier/relying-party.json` and starts its verifier. */
export async function startService(o: Omit<Parameters<typeof startVerifier>[0], 'rp' | 'name'> & { spec: ServiceSpec; now?: () => number }): Promise<RunningVerifier & { registered: boolean }> {
  const file = join(o.dataDir, 'verifier', 'relying-party.json')
  const now = o.now ? o.now() : Math.floor(Date.now() / 1000)
  let registered = false
  const v = await startVerifier({
    ...o,
    rp: async (url) => {
      const rp = await ensureService(o.issuer, o.spec, file, now, new URL(url).origin)
      registered = rp.registered
      return rp
    },
    name: o.spec.name,
  })
  return { ...v, registered }
}

export interface RunningWalletApp {
  url: string
  port: number
  /** The background schedules (BBS renewal, SD-JWT top-up, registrar roots), when the config has a passphrase. */
  background: WalletBackground | undefined
  close(): Promise<void>
}

/**
 * Starts the wallet's HTTP app (consent page, `createWalletApp`) on `host:port`; with a passphrase in the config, also
 * its background schedules at their production periods (as wallet/server.ts), stopped by `close`.
 */
export async function startWalletApp(o: { host: string; port: number; config: Omit<WalletAppConfig, 'logger'>; logger?: Logger }): Promise<RunningWalletApp> {
  const listening = await openPort(o.host, o.port)
  try {
    const made = await createWalletApp({ ...o.config, logger: o.logger ?? pino({ name: 'wallet' }) })
    listening.serve(made.app)
    const background = made.wallet === undefined ? undefined : startWalletBackground(made.wallet, made.logger)
    return {
      url: listening.url,
      port: listening.port,
      background,
      async close() {
        background?.stop()
        await listening.close()
        await made.close()
      },
    }
  } catch (err) {
    await listening.close()
    throw err
  }
}
