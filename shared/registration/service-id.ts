// Stable service identifiers: assigned by the registrar, carried as `service_id` in registration certificates, the scope of BBS pseudonyms (this profile, docs/protocol/privacy.md).
import { randomBytes } from 'node:crypto'
import { z } from 'zod'

/** Prefix of registrar-assigned service identifiers. */
export const SERVICE_ID_PREFIX = 'svc:'

/** A service id: `svc:` + 22 base64url characters (128 random bits), or a legacy x509_hash client_id. */
export const serviceIdSchema = z.string().min(8).max(256).regex(/^[\x21-\x7e]+$/)

/** A fresh service identifier (128 random bits), for a service registering for the first time. */
export function newServiceId(): string {
  return `${SERVICE_ID_PREFIX}${randomBytes(16).toString('base64url')}`
}

/**
 * The pseudonym scope of a registration: its `service_id`, or for a certificate without one its
 * `client_id` (which was the scope before service ids existed).
 */
export function pseudonymScope(registration: { serviceId?: string; clientId: string }): string {
  return registration.serviceId ?? registration.clientId
}
