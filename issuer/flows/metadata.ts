// Published documents: Credential Issuer Metadata, AS metadata, SD-JWT VC issuer metadata (JWKS), certificates.
import type { JWK } from 'jose'
import { createAuthorizationServerMetadata, createIssuerMetadata } from '../../shared/oid4vci/index.ts'
import type { AuthorizationServerMetadata, CredentialIssuerMetadata } from '../../shared/oid4vci/index.ts'
import type { IssuerDeps } from '../deps.ts'
import type { CredentialConfigurationEntry } from '../formats/index.ts'

/** `/.well-known/openid-credential-issuer` (OpenID4VCI 1.0 §12.2): one configuration per row of the format table. */
export function issuerMetadata(deps: IssuerDeps): Omit<CredentialIssuerMetadata, 'credential_configurations_supported'> & {
  credential_configurations_supported: Record<string, CredentialConfigurationEntry>
} {
  const md = createIssuerMetadata({ issuer: deps.config.issuerUrl, batchSize: deps.config.batchSize, display: [{ name: deps.config.authorityName, locale: 'en' }], configurations: {} })
  return { ...md, credential_configurations_supported: Object.fromEntries(deps.formats.map((f) => [f.id, f.configuration()])) }
}

/** `/.well-known/oauth-authorization-server` (RFC 8414). */
export function authorizationServerMetadata(deps: IssuerDeps): AuthorizationServerMetadata {
  return createAuthorizationServerMetadata(deps.config.issuerUrl)
}

/** `/.well-known/jwt-vc-issuer` (draft-ietf-oauth-sd-jwt-vc §5): every credential-signing key of every format, current and retired. */
export function jwtVcIssuerMetadata(deps: IssuerDeps): { issuer: string; jwks: { keys: JWK[] } } {
  return { issuer: deps.config.issuerUrl, jwks: { keys: deps.formats.flatMap((f) => f.jwks()) } }
}

/** `/.well-known/jwks.json`: the credential-signing keys plus the registrar's registration-certificate key. */
export function allKeys(deps: IssuerDeps): { keys: JWK[] } {
  const r = deps.keys.registrarSigning
  return { keys: [...jwtVcIssuerMetadata(deps).jwks.keys, { ...r.key.publicJwk, use: 'sig', x5c: [r.cert] }] }
}

/** `/pki`: the two trust anchors and the issuing certificates, base64 DER. */
export function pkiDocument(deps: IssuerDeps): {
  authority_root: string
  registrar_root: string
  issuing_certificates: string[]
  registrar_certificate: string
  registrar_kid: string
} {
  return {
    authority_root: deps.keys.authorityRoot.cert,
    registrar_root: deps.keys.registrarRoot.cert,
    issuing_certificates: deps.keys.publishedIssuing.map((k) => k.cert),
    registrar_certificate: deps.keys.registrarSigning.cert,
    registrar_kid: deps.keys.registrarSigning.key.kid,
  }
}

/** A base64 DER certificate as PEM. */
export function toPem(b64Der: string): string {
  return `-----BEGIN CERTIFICATE-----\n${b64Der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`
}
