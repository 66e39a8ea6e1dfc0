// Public surface of shared/x509: root and certificate creation, x5c chain verification, x509_hash.
export { createRootCertificate } from './root.ts'
export type { RootCertificateInput } from './root.ts'
export { issueCertificate } from './issue.ts'
export type { IssueCertificateInput } from './issue.ts'
export { verifyCertificateChain, MAX_CHAIN_LENGTH } from './chain.ts'
export type { VerifiedChain } from './chain.ts'
export { certificateHash } from './hash.ts'
export { parseCertificate, decodeCertificateDer, MAX_CERTIFICATE_BYTES } from './der.ts'
