// Public surface of shared/status-check: the revocation check of a credential against its issuer's status list, one rule set for verifier and wallet.
export { createStatusChecker } from './checker.ts'
export type { StatusChecker, StatusCheckerOptions } from './checker.ts'
export { statusListUrl } from './uri-policy.ts'
export type { StatusListForm } from './fetch-token.ts'
