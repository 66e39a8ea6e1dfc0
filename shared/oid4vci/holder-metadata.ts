// Holder side: Credential Issuer and Authorization Server metadata, fetched URLs and validation
// (OpenID4VCI 1.0 §12.2.2, §12.2.3, §12.2.4; RFC 8414 §3; draft-ietf-oauth-sd-jwt-vc §5 JWT VC Issuer Metadata).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { SD_JWT_VC_FORMAT } from './constants.ts'

/** Inserts a well-known segment between host and path (OpenID4VCI 1.0 §12.2.2, RFC 8414 §3.1). */
export function wellKnownUrl(identifier: string, segment: string): string {
  const url = new URL(identifier)
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')
  return `${url.origin}/.well-known/${segment}${path}`
}

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048)

const configurationSchema = z.object({
  format: z.string().max(64),
  vct: z.string().max(2048).optional(),
  cryptographic_binding_methods_supported: z.array(z.string().max(64)).max(16).optional(),
  credential_signing_alg_values_supported: z.array(z.union([z.string().max(32), z.number()])).max(16).optional(),
  proof_types_supported: z
    .record(z.string().max(64), z.object({ proof_signing_alg_values_supported: z.array(z.string().max(32)).max(16) }))
    .optional(),
})

const issuerMetadataSchema = z.object({
  credential_issuer: httpUrl,
  authorization_servers: z.array(httpUrl).max(8).optional(),
  credential_endpoint: httpUrl,
  nonce_endpoint: httpUrl.optional(),
  // §12.2.4 says batch_size MUST be 2 or greater; an issuer advertising 1 means "no batches", so 1 is read as such, not refused.
  batch_credential_issuance: z.object({ batch_size: z.number().int().min(1).max(1000) }).optional(),
  credential_configurations_supported: z.record(z.string().max(256), configurationSchema),
})

/** The members of Credential Issuer Metadata the holder uses. */
export type HolderIssuerMetadata = z.infer<typeof issuerMetadataSchema>
export type HolderCredentialConfiguration = z.infer<typeof configurationSchema>

/**
 * Validates Credential Issuer Metadata for `expectedIssuer` (§12.2.4: `credential_issuer` MUST be
 * identical to the identifier the metadata was fetched for). Throws `issuer_metadata_invalid`.
 */
export function parseIssuerMetadata(json: unknown, expectedIssuer: string): HolderIssuerMetadata {
  const md = parseInput(issuerMetadataSchema, json, 'issuer_metadata_invalid', 'issuer metadata')
  if (md.credential_issuer !== expectedIssuer) {
    throw new EidError('issuer_metadata_invalid', 'credential_issuer in the metadata differs from the offer')
  }
  return md
}

/**
 * Picks the SD-JWT VC configuration `id` from the metadata and checks it can be bound to a JWK
 * proved with `alg`. Throws `issuer_metadata_invalid`.
 */
export function selectConfiguration(md: HolderIssuerMetadata, id: string, alg: string): HolderCredentialConfiguration & { vct: string } {
  const config = Object.hasOwn(md.credential_configurations_supported, id) ? md.credential_configurations_supported[id] : undefined
  if (config === undefined) throw new EidError('issuer_metadata_invalid', 'offered credential configuration is not in the issuer metadata')
  if (config.format !== SD_JWT_VC_FORMAT || config.vct === undefined) {
    throw new EidError('issuer_metadata_invalid', `offered credential configuration is not ${SD_JWT_VC_FORMAT} with a vct`)
  }
  const jwtProof = config.proof_types_supported?.jwt
  if (config.proof_types_supported !== undefined && (jwtProof === undefined || !jwtProof.proof_signing_alg_values_supported.includes(alg))) {
    throw new EidError('issuer_metadata_invalid', `issuer does not accept jwt proofs signed with ${alg}`)
  }
  return { ...config, vct: config.vct }
}

const asMetadataSchema = z.object({
  issuer: httpUrl,
  token_endpoint: httpUrl,
  'pre-authorized_grant_anonymous_access_supported': z.boolean().optional(),
})

/** Validates OAuth Authorization Server metadata (RFC 8414 §3.3: `issuer` identical to the expected one). */
export function parseAuthorizationServerMetadata(json: unknown, expectedIssuer: string): z.infer<typeof asMetadataSchema> {
  const md = parseInput(asMetadataSchema, json, 'issuer_metadata_invalid', 'authorization server metadata')
  if (md.issuer !== expectedIssuer) throw new EidError('issuer_metadata_invalid', 'authorization server issuer differs from the one named')
  return md
}

const jwtVcIssuerSchema = z.object({
  issuer: httpUrl,
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(64) }).optional(),
  jwks_uri: httpUrl.optional(),
})

/** Validates JWT VC Issuer Metadata (`/.well-known/jwt-vc-issuer`): `issuer` must equal `expectedIssuer`. */
export function parseJwtVcIssuerMetadata(json: unknown, expectedIssuer: string): z.infer<typeof jwtVcIssuerSchema> {
  const md = parseInput(jwtVcIssuerSchema, json, 'issuer_metadata_invalid', 'JWT VC issuer metadata')
  if (md.issuer !== expectedIssuer) throw new EidError('issuer_metadata_invalid', 'JWT VC issuer metadata names another issuer')
  if ((md.jwks === undefined) === (md.jwks_uri === undefined)) {
    throw new EidError('issuer_metadata_invalid', 'JWT VC issuer metadata must have exactly one of jwks and jwks_uri')
  }
  return md
}

/** Validates a JWK Set document (RFC 7517 §5). */
export function parseJwks(json: unknown): { keys: Record<string, unknown>[] } {
  return parseInput(z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(64) }), json, 'issuer_metadata_invalid', 'JWKS')
}
