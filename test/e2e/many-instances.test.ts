// Many instances on one PostgreSQL database: two issuer and two verifier processes (tsx issuer/server.ts,
// tsx verifier/server.ts) sharing one database each. A presentation session begun on one verifier is answered
// through the other; one valid response posted 50 times over both is verified exactly once; 200 concurrent
// enrollments and batch issuances over both issuers never share or reuse a status index. Skips without DATABASE_URL.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticPerson } from '../../scripts/lib/demo-person.ts'
import { freePort, startProcess } from '../support/processes.ts'
import type { ServiceProcess } from '../support/processes.ts'
import { DATABASE_URL, freshSchema } from '../support/postgres.ts'
import type { TestSchema } from '../support/postgres.ts'
import { credentialRequest, holderKey, nonce, proofJwt, tokenRequest } from './issuer-harness.ts'
import type { HolderKey } from './issuer-harness.ts'
import { tempWallet } from './wallet-fixtures.ts'

const ADMIN = 'many-instances-admin-token-0123456789'
const API_KEY = 'many-instances-api-key-0123456789abcdef'

describe.skipIf(DATABASE_URL === undefined)('many instances on one PostgreSQL database', () => {
  const procs: ServiceProcess[] = []
  const dirs: string[] = []
  let issuerDb: TestSchema
  let verifierDb: TestSchema
  let issuerUrl: string
  let issuers: string[] = []
  let verifiers: string[] = []
  // the verifiers' public URL: a recorder that keeps the wallet's direct_post bodies and passes everything else to verifier A
  let recorder: Server
  let recorded: string[] = []

  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'eid-many-'))
    dirs.push(d)
    return d
  }

  beforeAll(async () => {
    issuerDb = await freshSchema('many_issuer')
    verifierDb = await freshSchema('many_verifier')
    const [iA, iB, vA, vB, rec] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()])
    issuerUrl = `http://127.0.0.1:${iA}`
    issuers = [issuerUrl, `http://127.0.0.1:${iB}`]
    verifiers = [`http://127.0.0.1:${vA}`, `http://127.0.0.1:${vB}`]
    // both issuers share the data folder (keys) and the database; the identifier is one URL for both
    const issuerDir = dir()
    // 200 flows come from one IP: raise the per-IP limit of the token and nonce endpoints
    const issuerEnv = { ISSUER_RATE_LIMIT_PER_MINUTE: '10000', EID_DATA_DIR: issuerDir, ISSUER_URL: issuerUrl, ISSUER_ADMIN_TOKEN: ADMIN, EID_DEMO: '', DATABASE_URL: issuerDb.url, LOG_LEVEL: 'warn' }
    for (const port of [iA, iB]) {
      const p = startProcess('issuer/server.ts', { ...issuerEnv, ISSUER_PORT: String(port) })
      procs.push(p)
      await p.waitFor('issuer listening', 45_000)
    }
    recorder = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/responses') {
          recorded.push(Buffer.concat(chunks).toString('utf8'))
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        void fetch(`${verifiers[0]}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers: { accept: req.headers.accept ?? '*/*' } }).then(async (up) => {
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/octet-stream' }).end(Buffer.from(await up.arrayBuffer()))
        })
      })
    })
    await new Promise<void>((resolve) => recorder.listen(rec, '127.0.0.1', resolve))
    const rpFile = join(dir(), 'relying-party.json')
    const verifierEnv = {
      EID_DATA_DIR: dir(),
      VERIFIER_URL: `http://127.0.0.1:${rec}`,
      VERIFIER_API_KEY: API_KEY,
      VERIFIER_RP_FILE: rpFile,
      ISSUER_URL: issuerUrl,
      ISSUER_ADMIN_TOKEN: ADMIN,
      EID_DEMO: '',
      DATABASE_URL: verifierDb.url,
    }
    // A registers with the registrar and writes the relying-party file; B starts from that file
    for (const port of [vA, vB]) {
      const p = startProcess('verifier/server.ts', { ...verifierEnv, VERIFIER_PORT: String(port) })
      procs.push(p)
      await p.waitFor('verifier listening', 45_000)
    }
  }, 120_000)

  afterAll(async () => {
    for (const p of procs) await p.kill()
    if (recorder) await new Promise<void>((resolve) => recorder.close(() => resolve()))
    await issuerDb?.drop()
    await verifierDb?.drop()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  const api = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }
  async function createSession(verifier: string): Promise<{ id: string; authorization_request: string }> {
    const res = await fetch(`${verifier}/presentations`, { method: 'POST', headers: api, body: JSON.stringify({ preset: 'age_over_18' }) })
    expect(res.status).toBe(201)
    return (await res.json()) as { id: string; authorization_request: string }
  }
  async function readSession(verifier: string, id: string): Promise<{ status: string; claims?: Record<string, unknown> }> {
    return (await (await fetch(`${verifier}/presentations/${id}`, { headers: api })).json()) as { status: string; claims?: Record<string, unknown> }
  }
  function postResponse(verifier: string, body: string): Promise<{ status: number; code?: string }> {
    return fetch(`${verifier}/responses`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then(async (r) => ({
      status: r.status,
      code: ((await r.json()) as { code?: string }).code,
    }))
  }
  async function enrollAt(issuer: string): Promise<{ offer: string; code: string; txCode: string }> {
    const res = await fetch(`${issuer}/admin/enrollments`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(syntheticPerson()) })
    expect(res.status).toBe(201)
    const e = (await res.json()) as { credential_offer_uri: string; tx_code: string; credential_offer: { grants: Record<string, { 'pre-authorized_code': string }> } }
    const code = e.credential_offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.['pre-authorized_code'] as string
    return { offer: e.credential_offer_uri, code, txCode: e.tx_code }
  }

  describe('verifier instances', () => {
    let wallet: Awaited<ReturnType<typeof tempWallet>>
    beforeAll(async () => {
      wallet = await tempWallet(`${issuerUrl}/pki/registrar-root.pem`, { trustedIssuers: [issuerUrl] })
      const e = await enrollAt(issuers[1] as string)
      await wallet.wallet.accept(e.offer, { txCode: e.txCode })
    }, 60_000)
    afterAll(async () => wallet?.cleanup())

    /** Has the wallet answer `authorization_request`; returns the direct_post body it sent. */
    async function walletAnswer(authorizationRequest: string): Promise<string> {
      recorded = []
      const r = await wallet.wallet.present(authorizationRequest, { consent: async () => true })
      expect(r.outcome).toBe('sent')
      expect(recorded).toHaveLength(1)
      return recorded[0] as string
    }

    it('a session created on verifier A is answered through verifier B and read back from A', async () => {
      const [a, b] = verifiers as [string, string]
      const s = await createSession(a)
      const body = await walletAnswer(s.authorization_request)
      expect((await postResponse(b, body)).status).toBe(200)
      expect(await readSession(a, s.id)).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    }, 60_000)

    it('one valid response posted 50 times over both instances: one verified, 49 typed rejections, one result row', async () => {
      const s = await createSession(verifiers[1] as string)
      const body = await walletAnswer(s.authorization_request)
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => postResponse(verifiers[i % 2] as string, body)))
      const ok = results.filter((r) => r.status === 200)
      expect(ok).toHaveLength(1)
      const rejected = results.filter((r) => r.status !== 200)
      expect(rejected).toHaveLength(49)
      for (const r of rejected) {
        expect(r.status).toBeGreaterThanOrEqual(400)
        expect(r.status).toBeLessThan(500)
        expect(r.code).toBe('response_replayed')
      }
      for (const v of verifiers) expect(await readSession(v, s.id)).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
      const c = new pg.Client({ connectionString: verifierDb.url })
      await c.connect()
      try {
        const rows = await c.query("SELECT status, claims_json FROM sessions WHERE id = $1 OR state = (SELECT state FROM sessions WHERE id = $1)", [s.id])
        expect(rows.rows).toEqual([{ status: 'verified', claims_json: JSON.stringify({ age_over_18: true }) }])
      } finally {
        await c.end()
      }
    }, 60_000)
  })

  it('200 concurrent enrollments and batch issuances over both issuers: no status index shared or reused', async () => {
    const keys: HolderKey[] = [await holderKey(), await holderKey()]
    const issueOne = async (i: number): Promise<string[]> => {
      const at = (k: number): string => issuers[(i + k) % 2] as string
      const e = await enrollAt(at(0))
      const t = await tokenRequest(at(1), e.code, e.txCode)
      expect(t.status).toBe(200)
      const n = await nonce(at(0))
      const proofs = await Promise.all(keys.map((k) => proofJwt(k, { aud: issuerUrl, nonce: n })))
      const r = await credentialRequest(at(1), t.body.access_token as string, proofs)
      expect(r.status).toBe(200)
      return (r.body.credentials as { credential: string }[]).map((c) => c.credential)
    }
    const credentials = (await Promise.all(Array.from({ length: 200 }, (_, i) => issueOne(i)))).flat()
    expect(credentials).toHaveLength(400)
    const positions = credentials.map((c) => {
      const status = decodeJwt(c.split('~')[0] as string).status as { status_list: { idx: number; uri: string } }
      return `${status.status_list.uri}#${status.status_list.idx}`
    })
    expect(new Set(positions).size).toBe(400)
    // and in the database: every allocated entry belongs to exactly one recorded credential, none twice
    const c = new pg.Client({ connectionString: issuerDb.url })
    await c.connect()
    try {
      const entries = await c.query<{ n: string; distinct_positions: string }>("SELECT count(*) AS n, count(DISTINCT (list_id, idx)) AS distinct_positions FROM status_entries")
      const recordedCreds = await c.query<{ n: string }>('SELECT count(*) AS n FROM issued_credentials WHERE status_idx IS NOT NULL')
      expect(Number(entries.rows[0]?.n)).toBe(Number(recordedCreds.rows[0]?.n))
      expect(Number(entries.rows[0]?.distinct_positions)).toBe(Number(entries.rows[0]?.n))
      const orphans = await c.query('SELECT 1 FROM status_entries e LEFT JOIN issued_credentials c ON c.credential_id = e.credential_id WHERE c.credential_id IS NULL')
      expect(orphans.rowCount).toBe(0)
    } finally {
      await c.end()
    }
  }, 120_000)
})
