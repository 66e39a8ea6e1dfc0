// Registrar side of a re-registration: the service id a service had, read from a registration certificate the registrar signed before.
import type { CryptoKey, JWK } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { checkJwtSignature, decodeTypedJwt } from './compact-jwt.ts'
import { LEGACY_REGISTRATION_CERTIFICATE_TYP, MAX_REGISTRATION_CERTIFICATE_BYTES, REGISTRATION_CERTIFICATE_TYP } from './registration-certificate.ts'
import { serviceIdSchema } from './service-id.ts'

const previousPayload = z.object({ sub: z.string().min(1).max(256), service_id: serviceIdSchema.optional() })

/**
 * Registrar side of a re-registration: the service id of a registration certificate this registrar
 * signed before (its signature checked with `registrarKey`; expiry does not matter, a lapsed service may
 * renew). A certificate from before service ids keeps its `sub` as the id, so pseudonyms stay what they
 * were. `registration_signature_invalid` / `registration_invalid` otherwise.
 */
export function serviceIdOfPreviousRegistration(jwt: unknown, registrarKey: CryptoKey | JWK): string {
  // A certificate of the form before ETSI TS 119 475 (rc-rp+jwt) is still this registrar's word on the service id.
  const typ = typeof jwt === 'string' && headerTyp(jwt) === LEGACY_REGISTRATION_CERTIFICATE_TYP ? LEGACY_REGISTRATION_CERTIFICATE_TYP : REGISTRATION_CERTIFICATE_TYP
  const decoded = decodeTypedJwt(jwt, typ, 'registration_invalid', 'previous registration certificate', MAX_REGISTRATION_CERTIFICATE_BYTES)
  checkJwtSignature(decoded, registrarKey, 'registration_signature_invalid', 'previous registration certificate')
  const p = parseInput(previousPayload, decoded.payload, 'registration_invalid', 'previous registration certificate')
  const id = p.service_id ?? p.sub
  if (id.length === 0) throw new EidError('registration_invalid', 'previous registration certificate names no service')
  return id
}

/** The `typ` of a compact JWT's header, or undefined when it does not decode (decodeTypedJwt then says why). */
function headerTyp(jwt: string): unknown {
  try {
    return (JSON.parse(Buffer.from(jwt.slice(0, Math.min(jwt.indexOf('.'), 4096)), 'base64url').toString('utf8')) as { typ?: unknown }).typ
  } catch {
    return undefined
  }
}
