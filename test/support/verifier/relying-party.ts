// Test and demo fixtures: a registrar (root + registration-certificate key) and a relying party registered with it.
// Used by tests and benchmarks; the real registrar is the issuer's `POST /admin/relying-parties`.
import { createAccessCertificate, createRegistrationCertificate } from '../../../shared/registration/index.ts'
import type { ClaimsPath } from '../../../shared/registration/index.ts'
import { generateSigningKey } from '../../../shared/keys/index.ts'
import type { SigningAlg, SigningKey } from '../../../shared/keys/index.ts'
import { createRootCertificate } from '../../../shared/x509/index.ts'
import type { RelyingPartyCredentials } from '../../../verifier/config.ts'

export interface TestRegistrar {
  key: SigningKey
  /** Self-signed registrar root (base64 DER); also signs registration certificates here. */
  root: string
}

export interface TestRelyingParty {
  registrar: TestRegistrar
  clientId: string
  credentials: RelyingPartyCredentials
  signingKey: SigningKey
}

/** A registrar whose root key also signs registration certificates. */
export async function createTestRegistrar(now: number, name = 'Test Registrar'): Promise<TestRegistrar> {
  const key = await generateSigningKey('ES256')
  const publicKey = await crypto.subtle.importKey('jwk', key.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
  const root = await createRootCertificate({
    name, keys: { privateKey: key.privateKey, publicKey }, notBefore: new Date((now - 86_400) * 1000), notAfter: new Date((now + 365 * 86_400) * 1000),
  })
  return { key, root }
}

/** Registers a relying party (`name`, `allowedClaims`) with `registrar` (a fresh one when absent). */
export async function createTestRelyingParty(opts: {
  now: number
  allowedClaims: ClaimsPath[]
  name?: string
  purpose?: string
  registrar?: TestRegistrar
  registrationExp?: number
  /** Origins the registration certificate names (where wallets may post answers). */
  origins?: string[]
  alg?: SigningAlg
}): Promise<TestRelyingParty> {
  const registrar = opts.registrar ?? (await createTestRegistrar(opts.now))
  const signingKey = await generateSigningKey(opts.alg ?? 'ES256')
  const name = opts.name ?? 'Demo Shop'
  const access = await createAccessCertificate({
    name, requestSigningJwk: signingKey.publicJwk, registrarCert: registrar.root, registrarKey: registrar.key.privateKey,
    notBefore: new Date((opts.now - 3600) * 1000), notAfter: new Date((opts.now + 365 * 86_400) * 1000),
  })
  const registrationCertificate = await createRegistrationCertificate({
    clientId: access.clientId, name, purpose: opts.purpose ?? 'Age verification', allowedClaims: opts.allowedClaims,
    ...(opts.origins !== undefined ? { origins: opts.origins } : {}),
    iat: opts.now - 60, exp: opts.registrationExp ?? opts.now + 365 * 86_400,
    signer: { alg: registrar.key.alg, privateKey: registrar.key.privateKey, kid: registrar.key.kid },
  })
  return {
    registrar,
    clientId: access.clientId,
    signingKey,
    credentials: { signingKey: { alg: signingKey.alg, privateKey: signingKey.privateKey }, accessCertificateChain: [access.certificate], registrationCertificate },
  }
}
