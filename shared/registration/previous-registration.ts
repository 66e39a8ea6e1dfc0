// Registrar side of a re-registration: the service id a service had, read from a registration certificate the registrar signed before.
import type { CryptoKey, JWK } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { checkJwtSignature, decodeTypedJwt } from './compact-jwt.ts'
import { MAX_REGISTRATION_CERTIFICATE_BYTES, REGISTRATION_CERTIFICATE_TYP } from './registration-certificate.ts'
import { serviceIdSchema } from './service-id.ts'

const previousPayload = z.object({ sub: z.string().min(1).max(256), service_id: serviceIdSchema.optional() })

/**
 * Registrar side of a re-registration: the service id of a registration certificate this registrar
 * signed before (its signature checked with `registrarKey`; expiry does not matter, a lapsed service may
 * renew). A certificate from before service ids keeps its `sub` as the id, so pseudonyms stay what they
 * were. `registration_signature_invalid` / `registration_invalid` otherwise.
 */
export function serviceIdOfPreviousRegistration(jwt: unknown, registrarKey: CryptoKey | JWK): string {
  const decoded = decodeTypedJwt(jwt, REGISTRATION_CERTIFICATE_TYP, 'registration_invalid', 'previous registration certificate', MAX_REGISTRATION_CERTIFICATE_BYTES)
  checkJwtSignature(decoded, registrarKey, 'registration_signature_invalid', 'previous registration certificate')
  const p = parseInput(previousPayload, decoded.payload, 'registration_invalid', 'previous registration certificate')
  const id = p.service_id ?? p.sub
  if (id.length === 0) throw new EidError('registration_invalid', 'previous registration certificate names no service')
  return id
}
