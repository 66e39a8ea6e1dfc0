// Public surface of shared/store: the services' store interfaces and their adapters.
export type { IssuerStore, NewOffer, NewAccessToken, RedeemResult, ConsumeResult, IssuedCredential, RelyingPartyRecord } from './issuer/index.ts'
export { openIssuerSqliteStore } from './issuer/index.ts'
