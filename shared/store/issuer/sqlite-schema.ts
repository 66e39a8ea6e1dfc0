// Schema migrations of the issuer's SQLite store (applied in order by shared/store/sqlite/open.ts).
import type { Migration } from '../sqlite/open.ts'

export const ISSUER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE persons (
        person_id TEXT PRIMARY KEY,
        national_id TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_name TEXT NOT NULL,
        address_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE offers (
        code_hash TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        tx_code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        used INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        expires_at INTEGER NOT NULL,
        remaining INTEGER NOT NULL CHECK (remaining >= 0)
      ) STRICT;
      CREATE TABLE nonces (
        nonce_hash TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX nonces_expiry ON nonces(expires_at);
      CREATE TABLE issued_credentials (
        credential_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        kid TEXT NOT NULL,
        status_idx INTEGER,
        status_uri TEXT,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE relying_parties (
        client_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        allowed_claims_json TEXT NOT NULL,
        access_certificate TEXT NOT NULL,
        registration_certificate TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
]
