// The verifier's SQLite store commits writes in groups (shared/store/sqlite/writer.ts): a statement that fails leaves the
// others of its batch alone, each finish keeps its own single-use check, and an acknowledged finish survives a kill -9.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openVerifierSqliteStore } from '../../shared/store/verifier/index.ts'
import type { NewSession } from '../../shared/store/verifier/index.ts'

const NOW = 1_800_000_000
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-group-'))
  dirs.push(dir)
  return join(dir, 'verifier', 'verifier.db')
}

const session = (id: string): NewSession => ({ id, state: `state-${id}`, nonce: `nonce-${id}`, dcqlQuery: { credentials: [] }, createdAt: NOW, expiresAt: NOW + 300 })
const verified = { status: 'verified' as const, claims: { age_over_18: true } }

describe('verifier store group commit', () => {
  it('a failing statement fails alone: the rest of its batch commits', async () => {
    const store = openVerifierSqliteStore(dbFile())
    await store.createSession(session('a'))
    // queued in the same turn of the event loop: one batch
    const results = await Promise.allSettled([
      store.createSession(session('a')), // duplicate id and state
      store.createSession(session('b')),
      store.finishByState('state-a', NOW + 1, verified),
      store.finishByState('state-a', NOW + 1, verified),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(results.slice(2).map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual([{ ok: true }, { ok: false, reason: 'used' }])
    expect((await store.getSession('b'))?.status).toBe('pending')
    expect((await store.getSession('a'))?.status).toBe('verified')
    await store.close()
  })

  it('many finishes of a few states in one batch: exactly one wins per state', async () => {
    const store = openVerifierSqliteStore(dbFile())
    const ids = ['p', 'q', 'r', 's']
    for (const id of ids) await store.createSession(session(id))
    const results = await Promise.all(ids.flatMap((id) => Array.from({ length: 5 }, () => store.finishByState(`state-${id}`, NOW + 1, verified))))
    expect(results.filter((r) => r.ok)).toHaveLength(ids.length)
    expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(ids.length * 4)
    await store.close()
  })

  it('a finish acknowledged just before kill -9 is still there, and the state cannot be finished again', async () => {
    const file = dbFile()
    const storeModule = fileURLToPath(new URL('../../shared/store/verifier/index.ts', import.meta.url))
    // the child finishes a session, reports the acknowledgement, and is killed before any clean shutdown
    const script = `
      const { openVerifierSqliteStore } = await import(${JSON.stringify(storeModule)})
      const store = openVerifierSqliteStore(${JSON.stringify(file)})
      await store.createSession(${JSON.stringify(session('k'))})
      const r = await store.finishByState('state-k', ${NOW + 1}, ${JSON.stringify(verified)})
      process.stdout.write(JSON.stringify(r) + '\\n', () => process.kill(process.pid, 'SIGKILL'))
    `
    const scriptFile = join(file, '..', '..', 'child.mts')
    writeFileSync(scriptFile, script)
    const child = spawnSync(process.execPath, ['--import', 'tsx', scriptFile], { encoding: 'utf8', timeout: 30_000 })
    expect(child.signal, child.stderr).toBe('SIGKILL')
    expect(JSON.parse(child.stdout)).toEqual({ ok: true })
    const store = openVerifierSqliteStore(file)
    expect(await store.getSession('k')).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    expect(await store.finishByState('state-k', NOW + 2, verified)).toEqual({ ok: false, reason: 'used' })
    await store.close()
  })
})
