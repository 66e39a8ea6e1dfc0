// Schema migrations of the verifier's PostgreSQL store (same tables as the SQLite adapter).
import type { PgMigration } from './pool.ts'

export const VERIFIER_PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL UNIQUE,
        nonce TEXT NOT NULL UNIQUE,
        dcql_query_json TEXT NOT NULL,
        purpose TEXT,
        redirect_uri TEXT,
        response_code_hash TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'verified', 'rejected')),
        claims_json TEXT,
        error TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        completed_at BIGINT,
        CHECK (claims_json IS NULL OR status = 'verified')
      );
      CREATE INDEX sessions_expires_at ON sessions (expires_at);
    `,
  },
]
