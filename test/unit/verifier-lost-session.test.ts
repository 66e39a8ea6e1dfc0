// A new session is committed without an fsync of its own (docs/ARCHITECTURE.md, "Durability of a new session"): a power
// loss may undo it. Here the row is removed behind the verifier's back, as such a loss would, after the service got its
// 201 and the wallet its request object: every party gets a clear 4xx with a stable code and nothing is verified.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'verifier-lost-'))
  h = await startVerifierHarness({ allowedClaims: [['age_over_18']], dataDir })
})
afterAll(async () => {
  await h.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Deletes session `id` through another connection to the verifier's file, as a power loss undoing its commit would. */
function lose(id: string): void {
  const db = new Database(join(dataDir, 'verifier', 'verifier.db'))
  try {
    db.pragma('busy_timeout = 5000')
    expect(db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes).toBe(1)
  } finally {
    db.close()
  }
}

describe('verifier: a pending session lost after its 201', () => {
  it('the wallet fetching its request object gets 404 presentation_not_found', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    expect(created.status).toBe(201)
    lose(created.json.id as string)
    const res = await fetch(created.json.request_uri as string)
    expect(res.status).toBe(404)
    expect(((await res.json()) as { code: string }).code).toBe('presentation_not_found')
  })

  it('a wallet answering a request it fetched before the loss gets 400 state_unknown; the service 404 presentation_not_found', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const request = await h.fetchRequest(created.json)
    const vp = await h.present(await h.credential(), [['age_over_18']], request)
    lose(created.json.id as string)
    const posted = await h.post({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state })
    expect(posted.status).toBe(400)
    expect(posted.json.code).toBe('state_unknown')
    const result = await h.result(created.json.id as string)
    expect(result.status).toBe(404)
    expect(result.json.code).toBe('presentation_not_found')
  })

  it('a session that was not lost is answered and verified as usual (the control case)', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const request = await h.fetchRequest(created.json)
    const vp = await h.present(await h.credential(), [['age_over_18']], request)
    expect((await h.post({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state })).status).toBe(200)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })
})
