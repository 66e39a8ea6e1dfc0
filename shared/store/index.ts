// Public surface of shared/store: one async store interface per service (IssuerStore, VerifierStore), each a documented
// adapter contract (rules at the top of its types.ts, checked by test/store/*.contract.ts), and their SQLite adapters.
export type {
  IssuerStore,
  NewOffer,
  NewAccessToken,
  NewRefreshToken,
  RotateRefreshResult,
  RedeemResult,
  IssuedCredential,
  IssueBatchInput,
  IssueBatchResult,
  NewStatusEntry,
  StatusListRecord,
  ChangedEntry,
  PersonStatusResult,
  CredentialStatusResult,
  RelyingPartyRecord,
} from './issuer/types.ts'
export { openIssuerSqliteStore } from './issuer/sqlite.ts'
export { LEGACY_STATUS_FILE } from './issuer/import-status-file.ts'
export type { VerifierStore, NewSession, Session, SessionOutcome, SessionStatus, ConsumeFailure } from './verifier/index.ts'
export { openVerifierSqliteStore, queryJson } from './verifier/index.ts'
