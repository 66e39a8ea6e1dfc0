// Test fixtures for the SD-JWT tests: keys, a valid credential, and a crafter that signs arbitrary issuer JWTs and KB-JWTs.
import { generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { encodeDisclosure, sha256B64u } from '../../shared/sdjwt/index.ts'
import type { VerifySdJwtOptions } from '../../shared/sdjwt/index.ts'

export const NOW = 1_800_000_000
export const AUD = 'https://verifier.example'
export const NONCE = 'n-0S6_WzA2Mj'
export const VCT = 'urn:eid:test'

export interface Fixture {
  issuer: SigningKey
  holder: SigningKey
  other: SigningKey
  edIssuer: SigningKey
}

export async function makeFixture(): Promise<Fixture> {
  return {
    issuer: await generateSigningKey('ES256'),
    holder: await generateSigningKey('ES256'),
    other: await generateSigningKey('ES256'),
    edIssuer: await generateSigningKey('EdDSA'),
  }
}

/** Registered claims of a valid credential bound to the holder key. */
export function basePayload(f: Fixture): Record<string, unknown> {
  return { iss: 'https://issuer.example', iat: NOW - 10, exp: NOW + 3600, vct: VCT, cnf: { jwk: f.holder.publicJwk } }
}

/** Verification options that accept the fixture's issuer and require key binding. */
export function verifyOpts(f: Fixture, extra: Partial<VerifySdJwtOptions> = {}): VerifySdJwtOptions {
  return { now: NOW, resolveIssuerKey: async () => f.issuer.publicJwk, keyBinding: { aud: AUD, nonce: NONCE }, ...extra }
}

/** A disclosure and its digest. */
export function disclosure(name: string | undefined, value: unknown, salt = 'c2FsdHNhbHRzYWx0c2FsdA'): { d: string; digest: string } {
  const d = encodeDisclosure(salt, name, value)
  return { d, digest: sha256B64u(d) }
}

/** Signs an arbitrary issuer JWT and appends disclosures: `<jwt>~<d>...~`. */
export function craft(f: Fixture, payload: Record<string, unknown>, disclosures: string[] = [], header: Record<string, unknown> = { typ: 'dc+sd-jwt' }, key: SigningKey = f.issuer): string {
  const jwt = signJwsCompact(header, payload, key.privateKey, key.alg)
  return `${[jwt, ...disclosures].join('~')}~`
}

/** Appends a KB-JWT with the given payload overrides (and header overrides) signed by `key` (default holder). */
export function withKb(f: Fixture, presented: string, over: Record<string, unknown> = {}, header: Record<string, unknown> = { typ: 'kb+jwt' }, key: SigningKey = f.holder): string {
  const payload = { iat: NOW, aud: AUD, nonce: NONCE, sd_hash: sha256B64u(presented), ...over }
  return presented + signJwsCompact(header, payload, key.privateKey, key.alg)
}
