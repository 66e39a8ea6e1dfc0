// PostgreSQL for tests: a fresh schema per test (or file) in the server named by DATABASE_URL, so parallel test files
// never share tables. Without DATABASE_URL the PostgreSQL tests skip with PG_SKIP_MESSAGE (CI always sets it).
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const DATABASE_URL = process.env.DATABASE_URL !== undefined && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined

export const PG_SKIP_MESSAGE =
  'PostgreSQL tests skipped: DATABASE_URL is not set. Start a throwaway server with eval "$(scripts/pg-local.sh start)" (README, "Running on PostgreSQL").'

if (DATABASE_URL === undefined) console.warn(PG_SKIP_MESSAGE)

export interface TestSchema {
  /** DATABASE_URL whose connections use only this schema (search_path). */
  url: string
  schema: string
  /** Drops the schema and everything in it. */
  drop(): Promise<void>
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: DATABASE_URL })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** Creates an empty schema `t_<tag>_<random>` and returns a URL selecting it. Requires DATABASE_URL. */
export async function freshSchema(tag: string): Promise<TestSchema> {
  if (DATABASE_URL === undefined) throw new Error(PG_SKIP_MESSAGE)
  const schema = `t_${tag.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(5).toString('hex')}`
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`))
  const u = new URL(DATABASE_URL)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: u.toString(),
    schema,
    drop: () => admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  }
}
