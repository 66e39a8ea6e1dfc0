// Public surface of shared/store/issuer: the issuer's store interface and its SQLite adapter.
export type { IssuerStore, NewOffer, NewAccessToken, RedeemResult, ConsumeResult, IssuedCredential, RelyingPartyRecord } from './types.ts'
export { openIssuerSqliteStore } from './sqlite.ts'
