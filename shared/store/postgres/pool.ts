// PostgreSQL connections for the store adapters: a pool whose BIGINT columns read as numbers, transactions with
// retry on deadlock/serialization failure, and in-code migrations under an advisory lock.
import pg from 'pg'
import type { Pool, PoolClient } from 'pg'

/** One schema step; `version` is 1, 2, 3, ... and never changes once released. */
export interface PgMigration {
  version: number
  sql: string
}

// epoch seconds and counters are BIGINT: read them as numbers (all stay far below 2^53)
const BIGINT_OID = 20
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === BIGINT_OID ? (v: string) => Number(v) : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
}

/**
 * Opens a pool to `url` (`postgres://user@host:port/db`; `?options=-c search_path=...` selects a schema). An idle
 * connection that breaks is dropped from the pool, not thrown at the process.
 */
export function openPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 })
  pool.on('error', () => undefined) // an idle client's error: the pool discards it and the next query reconnects
  return pool
}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']) // serialization_failure, deadlock_detected

/**
 * Runs `fn` in one READ COMMITTED transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it
 * throws. A deadlock or serialization failure runs it again (at most 5 times).
 */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const c = await pool.connect()
    try {
      await c.query('BEGIN')
      const result = await fn(c)
      await c.query('COMMIT')
      return result
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined)
      const code = (err as { code?: unknown }).code
      if (attempt < 5 && typeof code === 'string' && RETRYABLE.has(code)) continue
      throw err
    } finally {
      c.release()
    }
  }
}

/**
 * Applies every migration of `store` newer than the recorded version, in one transaction, under a
 * transaction-scoped advisory lock keyed by the schema: instances starting at once run them one
 * after the other, and the later ones find nothing left to do.
 */
export async function migrate(pool: Pool, store: string, migrations: readonly PgMigration[]): Promise<void> {
  await inTransaction(pool, async (c) => {
    // one lock per schema (not per store): the stores share eid_schema_versions, which the first one creates
    await c.query("SELECT pg_advisory_xact_lock(hashtextextended('eid-store-migrations:' || current_schema(), 0))")
    await c.query('CREATE TABLE IF NOT EXISTS eid_schema_versions (store TEXT PRIMARY KEY, version INTEGER NOT NULL)')
    const row = await c.query<{ version: number }>('SELECT version FROM eid_schema_versions WHERE store = $1', [store])
    const current = row.rows[0]?.version ?? 0
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue
      await c.query(m.sql)
      await c.query(
        'INSERT INTO eid_schema_versions (store, version) VALUES ($1, $2) ON CONFLICT (store) DO UPDATE SET version = excluded.version',
        [store, m.version],
      )
    }
  })
}

/** A pool on `url` with the migrations of `store` applied (the pool is closed again when they fail). */
export async function openMigratedPool(url: string, store: string, migrations: readonly PgMigration[]): Promise<Pool> {
  const pool = openPool(url)
  try {
    await migrate(pool, store, migrations)
    return pool
  } catch (err) {
    await pool.end()
    throw err
  }
}

/** True when `url` names a PostgreSQL database (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url)
}

/** Reads `DATABASE_URL`: unset or '' is undefined (the embedded SQLite store); else it must be a postgres:// URL. */
export function databaseUrlFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (!isPostgresUrl(value.trim())) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (unset: the embedded SQLite store)')
  return value.trim()
}
