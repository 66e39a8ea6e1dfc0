// The SQLite adapter of IssuerStore against the store contract, in memory and on a WAL file.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openIssuerSqliteStore } from '../../shared/store/index.ts'
import { issuerStoreContract } from './issuer-store-contract.ts'

issuerStoreContract('sqlite :memory:', () => openIssuerSqliteStore(':memory:'))
issuerStoreContract('sqlite file (WAL)', () => openIssuerSqliteStore(join(mkdtempSync(join(tmpdir(), 'eid-store-')), 'issuer.db')))
