// Public surface of shared/trust: which issuers a verifying party trusts and the keys their credentials verify with.
export { createIssuerKeyResolver } from './resolver.ts'
export type { IssuerKeyResolver, IssuerKeyResolverOptions } from './resolver.ts'
export { fetchIssuerJwks, jwtVcIssuerMetadataUrl } from './metadata.ts'
export { certifiedIssuerKeys } from './certified-keys.ts'
export type { TrustedIssuer } from './trusted-issuer.ts'
