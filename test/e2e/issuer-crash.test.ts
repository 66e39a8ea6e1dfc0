// kill -9 of the issuer process during batch issuance: after each restart no status entry lacks its credential record,
// no index is allocated twice, and the wallet's access token either still obtains the batch or the batch is fully recorded.
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { ADMIN_TOKEN, PERSON, credentialRequest, enroll, holderKey, nonce, proofJwt, tempDataDir, tokenRequest } from './issuer-harness.ts'
import { freePort, startProcess } from '../support/processes.ts'
import type { ServiceProcess } from '../support/processes.ts'

const BATCH = 10
const MAX_ATTEMPTS = 40
const BUDGET_MS = 45_000

const dataDir = tempDataDir()
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** The issuer (one process, so SIGKILL reaches the server itself), once it listens. */
async function startServer(port: number): Promise<ServiceProcess> {
  const s = startProcess('issuer/server.ts', { WORKERS: '1', EID_DATA_DIR: dataDir, ISSUER_PORT: String(port), HOST: '127.0.0.1', ISSUER_ADMIN_TOKEN: ADMIN_TOKEN, ISSUER_BBS: 'off' })
  await s.waitFor('issuer listening', 20_000)
  return s
}

/** The invariants, read straight from issuer.db (WAL recovered by opening it) while no issuer runs. */
function checkDatabase(): { recordsOf: (personId: string) => number; remaining: (personId: string) => number[] } {
  const db = new Database(join(dataDir, 'issuer', 'issuer.db'))
  try {
    const orphans = db.prepare('SELECT count(*) AS n FROM status_entries e LEFT JOIN issued_credentials c ON c.credential_id = e.credential_id WHERE c.credential_id IS NULL').get() as { n: number }
    expect(orphans.n, 'status entries without a credential record').toBe(0)
    const unrecorded = db.prepare(`SELECT count(*) AS n FROM issued_credentials c LEFT JOIN status_entries e ON e.credential_id = c.credential_id
      WHERE c.status_idx IS NOT NULL AND e.credential_id IS NULL`).get() as { n: number }
    expect(unrecorded.n, 'credential records without their status entry').toBe(0)
    const reused = db.prepare(`SELECT count(*) AS n FROM (SELECT status_uri, status_idx FROM issued_credentials WHERE status_idx IS NOT NULL
      GROUP BY status_uri, status_idx HAVING count(*) > 1)`).get() as { n: number }
    expect(reused.n, 'indices allocated twice').toBe(0)
    const records = new Map((db.prepare('SELECT person_id, count(*) AS n FROM issued_credentials GROUP BY person_id').all() as { person_id: string; n: number }[]).map((r) => [r.person_id, r.n]))
    const tokens = db.prepare('SELECT person_id, remaining FROM access_tokens').all() as { person_id: string; remaining: number }[]
    return { recordsOf: (p) => records.get(p) ?? 0, remaining: (p) => tokens.filter((t) => t.person_id === p).map((t) => t.remaining) }
  } finally {
    db.close()
  }
}

describe('issuer crash during batch issuance', () => {
  it('kill -9 mid-issuance leaves all of a batch or none of it, and an unspent token still works', { timeout: 90_000 }, async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const started = Date.now()
    let server = await startServer(port)
    let inFlight = 0
    let nothingWritten = 0
    let fullyRecorded = 0
    let attempts = 0
    try {
      for (; attempts < MAX_ATTEMPTS && Date.now() - started < BUDGET_MS && inFlight < 3; attempts++) {
        // one person per attempt, with a synthetic ID number (prefecture 99: no real person)
        const e = await enroll(url, { ...PERSON, national_id: generateResidentId() })
        const personId = e.person_id
        const token = (await tokenRequest(url, e.code, e.tx_code)).body.access_token as string
        const keys = await Promise.all(Array.from({ length: BATCH }, () => holderKey()))
        const n = await nonce(url)
        const proofs = await Promise.all(keys.map((k) => proofJwt(k, { aud: url, nonce: n })))
        let answered = false
        const request = credentialRequest(url, token, proofs).then(
          () => (answered = true),
          () => undefined,
        )
        await new Promise((r) => setTimeout(r, 5 + ((attempts * 29) % 150))) // varying delays: before, during and after the commit
        await server.kill()
        await request
        const db = checkDatabase()
        const records = db.recordsOf(personId)
        expect([0, BATCH]).toContain(records)
        expect(db.remaining(personId)).toEqual([records === 0 ? BATCH : 0])
        server = await startServer(port)
        if (answered) continue
        inFlight++
        if (records === BATCH) {
          fullyRecorded++ // the documented recovery: the desk enrolls the person again and hands out a new offer
          continue
        }
        nothingWritten++
        // nothing was spent: the wallet retries with the same access token and a fresh c_nonce
        const n2 = await nonce(url)
        const retry = await credentialRequest(url, token, await Promise.all(keys.map((k) => proofJwt(k, { aud: url, nonce: n2 }))))
        expect(retry.status).toBe(200)
        expect((retry.body.credentials as unknown[]).length).toBe(BATCH)
      }
    } finally {
      await server.kill()
    }
    checkDatabase()
    console.log(`issuer crash: ${attempts} attempts in ${Date.now() - started} ms, ${inFlight} kills with the request in flight (${nothingWritten} left nothing and were retried, ${fullyRecorded} left the batch fully recorded)`)
    expect(inFlight).toBeGreaterThan(0)
  })
})
