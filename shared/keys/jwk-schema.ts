// Public JWK shapes for the allowed algorithms (RFC 7517 §4, RFC 7518 §6.2, RFC 8037 §2), and the key-type/alg fit.
import { z } from 'zod'
import type { JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import type { SigningAlg } from './algorithms.ts'

const b64u32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'base64url of 32 bytes')
const common = {
  kid: z.string().max(256).optional(),
  alg: z.string().max(32).optional(),
  use: z.literal('sig').optional(),
  key_ops: z.array(z.string().max(32)).max(8).optional(),
}

/** JWK members that only private (or symmetric) keys carry. */
export const PRIVATE_JWK_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv']

/**
 * JWK members that point elsewhere for the key or its certificates (RFC 7517 §4.6-4.7: `x5u` a URL,
 * `x5c` a chain; `jku` is a JWS header parameter sometimes misplaced in a JWK). A holder key is trusted
 * because the issuer signed it, so a key that must be self-contained carries none of them.
 */
export const REFERENCE_JWK_MEMBERS: readonly string[] = ['x5u', 'x5c', 'jku']

const ecP256 = z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: b64u32, y: b64u32, ...common })
const okpEd25519 = z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: b64u32, ...common })

/** An EC P-256 or OKP Ed25519 public JWK: no `d` nor any other private member. */
export const publicJwkSchema = z
  .union([ecP256, okpEd25519])
  .refine((jwk) => !PRIVATE_JWK_MEMBERS.some((m) => Object.hasOwn(jwk, m)), 'must not contain private key members')

/** The public JWK shape as a TypeScript type. */
export type PublicJwk = z.output<typeof publicJwkSchema>

/** Throws EidError `jwk_has_private_members` when `jwk` carries a private member. */
export function assertNoPrivateMembers(jwk: object): void {
  for (const m of PRIVATE_JWK_MEMBERS) {
    if (Object.hasOwn(jwk, m)) throw new EidError('jwk_has_private_members', 'public JWK must not contain private key members')
  }
}

/** The (kty, crv) pair each algorithm requires. */
export function keyTypeFor(alg: SigningAlg): { kty: 'EC' | 'OKP'; crv: 'P-256' | 'Ed25519' } {
  return alg === 'ES256' ? { kty: 'EC', crv: 'P-256' } : { kty: 'OKP', crv: 'Ed25519' }
}

/**
 * Parses an untrusted public JWK for `alg`: EidError `jwk_has_private_members`, `key_alg_mismatch`
 * (kty/crv or the JWK's own `alg` not fitting), or `invalid_jwk` (any other shape problem).
 */
export function parsePublicJwk(jwk: unknown, alg: SigningAlg): PublicJwk & JWK {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new EidError('invalid_jwk', 'jwk must be an object')
  assertNoPrivateMembers(jwk)
  const want = keyTypeFor(alg)
  const rec = jwk as Record<string, unknown>
  if (rec.kty !== want.kty || rec.crv !== want.crv) throw new EidError('key_alg_mismatch', `jwk kty/crv does not fit ${alg}`)
  if (rec.alg !== undefined && rec.alg !== alg) throw new EidError('key_alg_mismatch', `jwk alg does not fit ${alg}`)
  const parsed = publicJwkSchema.safeParse(jwk)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'jwk'
    throw new EidError('invalid_jwk', `jwk member ${path} is invalid`)
  }
  return parsed.data as PublicJwk & JWK
}
