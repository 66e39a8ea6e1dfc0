// Public surface of shared/store/status: the issuer's status store interface and its SQLite adapter.
export { openStatusSqliteStore } from './sqlite.ts'
export { STATUS_MIGRATIONS } from './sqlite-schema.ts'
export type { StatusStore, StatusListRecord, StatusEntryRecord, InsertEntryResult, ChangedEntry } from './types.ts'
