// The SQLite adapters against the store contracts: each test gets a fresh WAL database file in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openIssuerSqliteStore, openVerifierSqliteStore } from '../../shared/store/index.ts'
import { issuerStoreContract } from './issuer-store.contract.ts'
import { verifierStoreContract } from './verifier-store.contract.ts'

/** A fresh database file and a fixture that opens connections to it and removes it on close. */
function sqliteFixture<S extends { close(): Promise<void> }>(name: string, openStore: (file: string) => S) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), `eid-${name}-`))
    const file = join(dir, `${name}.db`)
    const opened: S[] = [openStore(file)]
    return {
      store: opened[0] as S,
      async connect() {
        const s = openStore(file)
        opened.push(s)
        return s
      },
      async close() {
        for (const s of opened) await s.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
}

issuerStoreContract('sqlite (WAL file)', sqliteFixture('issuer', openIssuerSqliteStore))
verifierStoreContract('sqlite (WAL file)', sqliteFixture('verifier', openVerifierSqliteStore))
