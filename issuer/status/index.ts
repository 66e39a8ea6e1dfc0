// Public surface of issuer/status: the issuer's status list service (allocation, revocation, served tokens, routes).
export { createStatusService } from './service.ts'
export type { StatusService, StatusServiceOptions, StatusRef, CommitOutcome } from './types.ts'
export type { ServedToken } from './token-cache.ts'
