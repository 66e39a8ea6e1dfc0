// Encrypted authorization responses, response_mode `direct_post.jwt` (OpenID4VP 1.0 §8.3, HAIP 1.0): the verifier offers an
// ephemeral P-256 key per request in `client_metadata.jwks`, the wallet posts `response=<JWE>` (ECDH-ES, A128GCM or A256GCM).
import { createECDH, createPrivateKey, hkdfSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose'
import type { JWK } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { decodeUtf8, parseB64uJson } from '../keys/index.ts'

/** Content encryption algorithms a verifier accepts (HAIP 1.0: A128GCM and A256GCM). */
export const RESPONSE_ENC_VALUES = ['A128GCM', 'A256GCM'] as const
/** Key management: ECDH-ES with the verifier's ephemeral key, direct (HAIP 1.0). */
export const RESPONSE_KEY_ALG = 'ECDH-ES'
/** Largest accepted JWE, characters (the plain vp_token bound, base64url-expanded, plus headers). */
export const MAX_RESPONSE_JWE_BYTES = 100_000

/** The verifier's key for one request: its private KeyObject and the public JWK published in `client_metadata.jwks`. */
export interface ResponseEncryptionKey {
  privateKey: KeyObject
  publicJwk: JWK & { kid: string; use: 'enc'; alg: typeof RESPONSE_KEY_ALG }
}

/** Order of the P-256 group (SEC 2 §2.4.2, `n` of secp256r1). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

/**
 * Derives the P-256 key of request `kid` from the verifier's secret (HKDF-SHA-256, one key per request,
 * nothing stored: any instance holding the secret can decrypt the answer to a request another instance made).
 * Runs twice per presentation (request object, response): the public point is computed natively (node:crypto).
 */
export function deriveResponseKey(secret: Uint8Array, kid: string): ResponseEncryptionKey {
  const okm = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `eid direct_post.jwt response key|${kid}`, 48))
  const scalar = (BigInt(`0x${okm.toString('hex')}`) % (P256_ORDER - 1n)) + 1n
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex')
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(d)
  const pub = ecdh.getPublicKey()
  const x = Buffer.from(pub.subarray(1, 33)).toString('base64url')
  const y = Buffer.from(pub.subarray(33, 65)).toString('base64url')
  const privateKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x, y, d: d.toString('base64url') }, format: 'jwk' })
  return { privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x, y, kid, use: 'enc', alg: RESPONSE_KEY_ALG } }
}

/** `client_metadata` members of a `direct_post.jwt` request (OpenID4VP 1.0 §5.1, §8.3). */
export function responseEncryptionMetadata(key: ResponseEncryptionKey): { jwks: { keys: JWK[] }; encrypted_response_enc_values_supported: string[] } {
  return { jwks: { keys: [key.publicJwk] }, encrypted_response_enc_values_supported: [...RESPONSE_ENC_VALUES] }
}

const encJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string().max(256).optional(),
  use: z.string().max(16).optional(),
  alg: z.string().max(32).optional(),
})

/**
 * The wallet's side: encrypts the response parameters to the first usable key of `client_metadata.jwks`
 * (P-256, `use` enc or absent, `alg` ECDH-ES or absent) with the first of `encrypted_response_enc_values_supported`
 * we support (default A128GCM). EidError `request_object_invalid` when no key or enc fits.
 */
export async function encryptAuthorizationResponse(params: Record<string, unknown>, clientMetadata: unknown): Promise<string> {
  const md = (typeof clientMetadata === 'object' && clientMetadata !== null ? clientMetadata : {}) as { jwks?: { keys?: unknown }; encrypted_response_enc_values_supported?: unknown }
  const keys = Array.isArray(md.jwks?.keys) ? md.jwks.keys.slice(0, 8) : []
  const jwk = keys.map((k) => encJwkSchema.safeParse(k)).find((r) => r.success && (r.data.use ?? 'enc') === 'enc' && (r.data.alg ?? RESPONSE_KEY_ALG) === RESPONSE_KEY_ALG)?.data
  if (jwk === undefined) throw new EidError('request_object_invalid', 'direct_post.jwt asked, but client_metadata.jwks holds no P-256 ECDH-ES key')
  const offered = Array.isArray(md.encrypted_response_enc_values_supported) ? md.encrypted_response_enc_values_supported : ['A128GCM']
  const enc = offered.find((e): e is string => (RESPONSE_ENC_VALUES as readonly unknown[]).includes(e))
  if (enc === undefined) throw new EidError('request_object_invalid', 'direct_post.jwt asked with no content encryption this wallet supports')
  const key = await importJWK({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, RESPONSE_KEY_ALG)
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(params)))
    .setProtectedHeader({ alg: RESPONSE_KEY_ALG, enc, ...(jwk.kid !== undefined ? { kid: jwk.kid } : {}) })
    .encrypt(key)
}

const jweHeaderSchema = z.object({ alg: z.literal(RESPONSE_KEY_ALG), enc: z.enum(RESPONSE_ENC_VALUES), kid: z.string().min(1).max(256) })

/** The `kid` of an encrypted response's protected header (which request's key decrypts it). EidError `response_decryption_failed`. */
export function responseKeyId(jwe: unknown): string {
  if (typeof jwe !== 'string' || jwe.length > MAX_RESPONSE_JWE_BYTES) throw new EidError('response_decryption_failed', 'response must be a compact JWE within the size limit')
  const parts = jwe.split('.')
  if (parts.length !== 5) throw new EidError('response_decryption_failed', 'response is not a compact JWE')
  let header: unknown
  try {
    header = parseB64uJson(parts[0] as string)
  } catch {
    throw new EidError('response_decryption_failed', 'response JWE header is not base64url JSON')
  }
  return parseInput(jweHeaderSchema, header, 'response_decryption_failed', 'response JWE header').kid
}

/**
 * The verifier's side: decrypts `response=<JWE>` with the request's key (ECDH-ES with A128GCM or A256GCM
 * only) and returns the response parameters as form fields (`vp_token` re-serialized as JSON text when the
 * wallet sent an object), ready for parseAuthorizationResponse. EidError `response_decryption_failed`.
 */
export async function decryptAuthorizationResponse(jwe: string, key: ResponseEncryptionKey): Promise<Record<string, string>> {
  let plaintext: Uint8Array
  try {
    ;({ plaintext } = await compactDecrypt(jwe, key.privateKey, { keyManagementAlgorithms: [RESPONSE_KEY_ALG], contentEncryptionAlgorithms: [...RESPONSE_ENC_VALUES] }))
  } catch (cause) {
    throw new EidError('response_decryption_failed', 'the encrypted response does not decrypt with this request\'s key', { cause })
  }
  let payload: unknown
  try {
    payload = JSON.parse(decodeUtf8(plaintext))
  } catch {
    throw new EidError('response_decryption_failed', 'the decrypted response is not UTF-8 JSON')
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new EidError('response_decryption_failed', 'the decrypted response is not a JSON object')
  const fields: Record<string, string> = {}
  for (const [k, v] of Object.entries(payload)) {
    if (k === '__proto__') continue
    fields[k] = typeof v === 'string' ? v : JSON.stringify(v)
  }
  return fields
}
