// Public surface of shared/store/postgres: the PostgreSQL adapters of IssuerStore and VerifierStore (DATABASE_URL=postgres://...).
export { openIssuerPostgresStore } from './issuer.ts'
export { openVerifierPostgresStore } from './verifier.ts'
export { databaseUrlFromEnv, isPostgresUrl } from './pool.ts'
