// Public surface of the wallet's BBS part: pid_bbs issuance and refresh, selection, consent and presentation.
export { StoredBbsCredentialSchema } from './state.ts'
export type { StoredBbsCredential, BbsCredentialStore } from './state.ts'
export { requestBbsCredential, refreshBbsCredential } from './issue.ts'
export type { BbsEndpoints } from './issue.ts'
export { selectBbsCredential, bbsConsentEntry, pseudonymConsentText, presentBbsCredential } from './present.ts'
export type { BbsConsentEntry } from './present.ts'
