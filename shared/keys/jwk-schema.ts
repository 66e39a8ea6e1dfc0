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

/** The members of a public JWK that make the key: `y` only for EC. */
export interface PublicKeyMembers {
  kty: 'EC' | 'OKP'
  crv: 'P-256' | 'Ed25519'
  x: string
  y?: string
}

/** base64url of 32 bytes without padding: exactly 43 characters of A-Z a-z 0-9 - _ (b64u32's rule, without a regex). */
function isB64u32(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 43) return false
  for (let i = 0; i < 43; i++) {
    const c = v.charCodeAt(i)
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false
  }
  return true
}

function isShortString(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.length <= max
}

/**
 * The key members of `jwk` when it is a public JWK for `alg` that parsePublicJwk accepts, decided without zod for the
 * well-formed case (the hot path of every presentation: the issuer's key and the holder's `cnf` key); `undefined` when
 * this check does not accept it, and the caller then calls parsePublicJwk, which refuses it with its code (or, for a
 * shape only zod reads, accepts it). It accepts nothing parsePublicJwk refuses: test/unit/keys-jwk-fast-path.test.ts.
 */
export function publicJwkMembersFast(jwk: unknown, alg: SigningAlg): PublicKeyMembers | undefined {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return undefined
  const rec = jwk as Record<string, unknown>
  for (const m of PRIVATE_JWK_MEMBERS) if (Object.hasOwn(rec, m)) return undefined
  const ec = alg === 'ES256'
  if (rec.kty !== (ec ? 'EC' : 'OKP') || rec.crv !== (ec ? 'P-256' : 'Ed25519')) return undefined
  if (rec.alg !== undefined && rec.alg !== alg) return undefined
  if (!isB64u32(rec.x) || (ec && !isB64u32(rec.y))) return undefined
  if (rec.kid !== undefined && !isShortString(rec.kid, 256)) return undefined
  if (rec.use !== undefined && rec.use !== 'sig') return undefined
  const ops = rec.key_ops
  if (ops !== undefined) {
    if (!Array.isArray(ops) || ops.length > 8) return undefined
    for (let i = 0; i < ops.length; i++) if (!isShortString(ops[i], 32)) return undefined // holes too, as zod reads them
  }
  return ec ? { kty: 'EC', crv: 'P-256', x: rec.x, y: rec.y as string } : { kty: 'OKP', crv: 'Ed25519', x: rec.x }
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
