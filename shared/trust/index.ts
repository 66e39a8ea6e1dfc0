// Public surface of shared/trust: which issuers a verifying party trusts and the keys their credentials verify with.
export { createIssuerKeyResolver } from './resolver.ts'
export type { IssuerKeyResolver, IssuerKeyResolverOptions } from './resolver.ts'
export { jwtVcIssuerMetadataUrl } from './metadata.ts'
export type { TrustedIssuer } from './trusted-issuer.ts'
