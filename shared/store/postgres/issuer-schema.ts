// Schema migrations of the issuer's PostgreSQL store: the SQLite adapter's tables, with BIGINT times and an
// insertion sequence where SQLite orders by rowid.
import type { PgMigration } from './pool.ts'

export const ISSUER_PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE persons (
        person_id TEXT PRIMARY KEY,
        national_id TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_name TEXT NOT NULL,
        address_json TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE offers (
        code_hash TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        tx_code_hash TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        used BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX offers_expiry ON offers(expires_at);
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        expires_at BIGINT NOT NULL,
        remaining INTEGER NOT NULL CHECK (remaining >= 0)
      );
      CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);
      CREATE TABLE nonces (
        nonce_hash TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX nonces_expiry ON nonces(expires_at);
      CREATE TABLE issued_credentials (
        seq BIGSERIAL UNIQUE,
        credential_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        kid TEXT NOT NULL,
        status_idx INTEGER,
        status_uri TEXT,
        issued_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX issued_credentials_person ON issued_credentials(person_id, issued_at, seq);
      CREATE TABLE relying_parties (
        client_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        allowed_claims_json TEXT NOT NULL,
        access_certificate TEXT NOT NULL,
        registration_certificate TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE status_lists (
        seq BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
        size INTEGER NOT NULL CHECK (size > 0),
        created_at BIGINT NOT NULL
      );
      -- (list_id, idx) is the primary key: an index is allocated at most once, whatever the number of instances
      CREATE TABLE status_entries (
        list_id TEXT NOT NULL REFERENCES status_lists(id),
        idx INTEGER NOT NULL CHECK (idx >= 0),
        credential_id TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL,
        status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 255),
        allocated_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (list_id, idx)
      );
      CREATE INDEX status_entries_person ON status_entries(person_id);
      CREATE TABLE status_persons (
        person_id TEXT PRIMARY KEY,
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 255),
        updated_at BIGINT NOT NULL
      );
    `,
  },
  {
    // Refresh tokens (RFC 6749 §6): hashes only, single use, rotated within a family; access tokens per configuration.
    version: 2,
    sql: `
      CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        family_id TEXT NOT NULL,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        configuration_id TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        used BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
      CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at);
      ALTER TABLE access_tokens ADD COLUMN configuration_id TEXT;
    `,
  },
  {
    // Status epochs: the status an entry changed during the current epoch had at the epoch's start (see sqlite-schema.ts).
    version: 3,
    sql: `ALTER TABLE status_entries ADD COLUMN prior_status INTEGER CHECK (prior_status BETWEEN 0 AND 255);`,
  },
  {
    // Stateless c_nonces: only spent nonces are kept, until they expire (see sqlite-schema.ts).
    version: 4,
    sql: `
      DROP TABLE nonces;
      CREATE TABLE spent_nonces (
        nonce_hash TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX spent_nonces_expiry ON spent_nonces(expires_at);
    `,
  },
]
