// Public surface of verifier/status: the revocation check of presented credentials against their issuer's status lists.
export { createStatusChecker } from './checker.ts'
export type { StatusChecker, StatusCheckerOptions } from './checker.ts'
export { statusListUrl } from './uri-policy.ts'
