// Schema migrations of the issuer's SQLite store, one file `issuer.db` (applied in order by shared/store/sqlite/open.ts).
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
  {
    // Status lists move into issuer.db (they were in a separate status.sqlite), so one transaction covers an issuance.
    // status_entries.person_id has no foreign key: entries imported from an old status.sqlite keep their person ids as they were.
    version: 2,
    sql: `
      CREATE TABLE status_lists (
        id TEXT PRIMARY KEY,
        bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
        size INTEGER NOT NULL CHECK (size > 0),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE status_entries (
        list_id TEXT NOT NULL REFERENCES status_lists(id),
        idx INTEGER NOT NULL CHECK (idx >= 0),
        credential_id TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL,
        status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 255),
        allocated_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (list_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX status_entries_person ON status_entries(person_id);
      CREATE TABLE status_persons (
        person_id TEXT PRIMARY KEY,
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 255),
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX offers_expiry ON offers(expires_at);
      CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);
      CREATE INDEX issued_credentials_person ON issued_credentials(person_id);
    `,
  },
  {
    // Refresh tokens (RFC 6749 §6) for background top-up of SD-JWT batches: hashes only, single use, rotated within a
    // family (the tokens descending from one pre-authorized code); access tokens may be limited to one configuration.
    version: 3,
    sql: `
      CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        family_id TEXT NOT NULL,
        person_id TEXT NOT NULL REFERENCES persons(person_id),
        configuration_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
      CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at);
      ALTER TABLE access_tokens ADD COLUMN configuration_id TEXT;
    `,
  },
  {
    // Status epochs: an entry changed during the current epoch keeps the status it had at the epoch's start
    // (NULL: unchanged since allocation), so the list published for that epoch is read back exactly, by any instance.
    version: 4,
    sql: `ALTER TABLE status_entries ADD COLUMN prior_status INTEGER CHECK (prior_status BETWEEN 0 AND 255);`,
  },
  {
    // Stateless c_nonces (the issuer's MAC over their expiry): the store no longer keeps issued nonces, only the spent
    // ones until they expire, written in the issuance transaction. Nonces issued before are refused (the wallet fetches another).
    version: 5,
    sql: `
      DROP TABLE nonces;
      CREATE TABLE spent_nonces (
        nonce_hash TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX spent_nonces_expiry ON spent_nonces(expires_at);
    `,
  },
]
