// The PostgreSQL adapters against the store contracts (each test gets a fresh schema), plus what only PostgreSQL
// has to show: migrations run once when several instances start at the same moment. Skips without DATABASE_URL.
import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { openIssuerPostgresStore, openVerifierPostgresStore } from '../../shared/store/postgres/index.ts'
import { DATABASE_URL, freshSchema } from '../support/postgres.ts'
import { issuerStoreContract } from './issuer-store.contract.ts'
import { verifierStoreContract } from './verifier-store.contract.ts'

/** A fresh schema and a fixture that opens pools on it and drops it on close. */
function pgFixture<S extends { close(): Promise<void> }>(name: string, openStore: (url: string) => Promise<S>) {
  return async () => {
    const schema = await freshSchema(name)
    const opened: S[] = [await openStore(schema.url)]
    return {
      store: opened[0] as S,
      async connect() {
        const s = await openStore(schema.url)
        opened.push(s)
        return s
      },
      async close() {
        for (const s of opened) await s.close()
        await schema.drop()
      },
    }
  }
}

describe.skipIf(DATABASE_URL === undefined)('PostgreSQL adapters', () => {
  issuerStoreContract('postgres', pgFixture('issuer', openIssuerPostgresStore))
  verifierStoreContract('postgres', pgFixture('verifier', openVerifierPostgresStore))

  it('eight instances opening one empty database at once migrate it exactly once', async () => {
    const schema = await freshSchema('migrate')
    try {
      const stores = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? openIssuerPostgresStore(schema.url) : openVerifierPostgresStore(schema.url))))
      const c = new pg.Client({ connectionString: schema.url })
      await c.connect()
      const versions = await c.query('SELECT store, version FROM eid_schema_versions ORDER BY store')
      await c.end()
      expect(versions.rows).toEqual([
        { store: 'issuer', version: 4 },
        { store: 'verifier', version: 1 },
      ])
      for (const s of stores) await s.close()
    } finally {
      await schema.drop()
    }
  })
})
