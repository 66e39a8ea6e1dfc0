// Public surface of shared/store/verifier: the verifier's store interface and its SQLite adapter.
export type { VerifierStore, NewSession, Session, SessionOutcome, SessionStatus, ConsumeFailure } from './types.ts'
export { openVerifierSqliteStore } from './sqlite.ts'
export { queryJson } from './query-cache.ts'
