// SD-JWT in JWS JSON Serialization (RFC 9901 §8): conversion of the flattened or general form to the compact form we verify.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'

const b64u = z.string().max(256 * 1024).regex(/^[A-Za-z0-9_-]*$/)
const unprotected = z.object({ disclosures: z.array(b64u).max(1024).optional(), kb_jwt: z.string().max(64 * 1024).optional() }).loose()
const signature = z.object({ protected: b64u, signature: b64u, header: unprotected.optional() })
const flattened = z.object({ payload: b64u, protected: b64u, signature: b64u, header: unprotected.optional() })
const general = z.object({ payload: b64u, signatures: z.array(signature).min(1).max(10) })

/**
 * Converts an SD-JWT in JWS JSON Serialization (flattened, or general with the disclosures and KB-JWT
 * in the unprotected header of the first signature) into `<jwt>~<disclosures>~[<kb-jwt>]`, using the
 * signature at `index` (general only). The KB-JWT's `sd_hash` covers the compact form with the first
 * signature (RFC 9901 §8.1). EidError `malformed_sd_jwt` on any other shape.
 */
export function sdJwtFromJsonSerialization(json: unknown, index = 0): string {
  const isGeneral = typeof json === 'object' && json !== null && 'signatures' in json
  const parsed = isGeneral ? parseInput(general, json, 'malformed_sd_jwt', 'JSON serialization') : parseInput(flattened, json, 'malformed_sd_jwt', 'JSON serialization')
  const sigs = 'signatures' in parsed ? parsed.signatures : [parsed]
  const sig = sigs[index]
  if (sig === undefined) throw new EidError('malformed_sd_jwt', 'JSON serialization has no signature at that index')
  const first = sigs[0]?.header ?? {}
  const jwt = `${sig.protected}.${parsed.payload}.${sig.signature}`
  return `${[jwt, ...(first.disclosures ?? [])].join('~')}~${first.kb_jwt ?? ''}`
}
