// The verifier's SQLite store commits writes in groups (shared/store/sqlite/writer.ts): a statement that fails leaves the
// others of its batch alone, each finish keeps its own single-use check, and an acknowledged finish survives a kill -9.
// Which commits are fsynced: a batch of only `durable: false` writes (new sessions) commits without an fsync
// (synchronous = NORMAL), any durable write (a finish, a purge) makes its batch fsynced (FULL); a lazily created
// session survives a kill -9 too.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { openSqlite } from '../../shared/store/sqlite/open.ts'
import * as writerModule from '../../shared/store/sqlite/writer.ts'
import type { SqliteWriter } from '../../shared/store/sqlite/writer.ts'
import { openVerifierSqliteStore } from '../../shared/store/verifier/index.ts'
import type { NewSession } from '../../shared/store/verifier/index.ts'

// the verifier store's writers, to read their commit counts
const writers = vi.hoisted(() => [] as SqliteWriter[])
vi.mock('../../shared/store/sqlite/writer.ts', async (original) => {
  const m = await original<typeof writerModule>()
  return {
    ...m,
    openThreadWriter: (...args: Parameters<typeof m.openThreadWriter>) => {
      const w = m.openThreadWriter(...args)
      writers.push(w)
      return w
    },
  }
})

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
    // the child finishes a session, reports the acknowledgement, and is killed before any clean shutdown
    const child = killedAfter(file, `
      await store.createSession(${JSON.stringify(session('k'))})
      const r = await store.finishByState('state-k', ${NOW + 1}, ${JSON.stringify(verified)})
      process.stdout.write(JSON.stringify(r) + '\\n', () => process.kill(process.pid, 'SIGKILL'))
    `)
    expect(JSON.parse(child.stdout)).toEqual({ ok: true })
    const store = openVerifierSqliteStore(file)
    expect(await store.getSession('k')).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    expect(await store.finishByState('state-k', NOW + 2, verified)).toEqual({ ok: false, reason: 'used' })
    await store.close()
  })

  it('a session created (without fsync) just before kill -9 is still there: a crash of the process loses none', async () => {
    const file = dbFile()
    const child = killedAfter(file, `
      await store.createSession(${JSON.stringify(session('k'))})
      process.stdout.write('created\\n', () => process.kill(process.pid, 'SIGKILL'))
    `)
    expect(child.stdout).toBe('created\n')
    const store = openVerifierSqliteStore(file)
    expect(await store.getSession('k')).toMatchObject({ status: 'pending', state: 'state-k', nonce: 'nonce-k' })
    await store.close()
  })
})

describe('sqlite writer: fsynced and lazy commits', () => {
  it('a batch of lazy writes commits without fsync; one durable write makes its whole batch fsynced', async () => {
    const file = dbFile()
    openSqlite(file, [{ version: 1, sql: 'CREATE TABLE t (v TEXT)' }]).close()
    const w = writerModule.openThreadWriter(file)
    const insert = 'INSERT INTO t (v) VALUES (?)'
    await Promise.all([w.run(insert, ['a'], { durable: false }), w.run(insert, ['b'], { durable: false })])
    expect(w.commits()).toEqual({ durable: 0, lazy: 1 })
    await Promise.all([w.run(insert, ['c'], { durable: false }), w.run(insert, ['d'])])
    expect(w.commits()).toEqual({ durable: 1, lazy: 1 })
    await w.run(insert, ['e'])
    await w.run(insert, ['f'], { durable: false })
    expect(w.commits()).toEqual({ durable: 2, lazy: 2 })
    await w.close()
    const db = openSqlite(file, [])
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((v) => ({ v })))
    db.close()
  })

  it("a batch waits for the write lock another connection holds, then commits; past lockWaitMs it fails SQLITE_BUSY", async () => {
    const file = dbFile()
    openSqlite(file, [{ version: 1, sql: 'CREATE TABLE t (v TEXT)' }]).close()
    const other = openSqlite(file, [])
    const w = writerModule.openThreadWriter(file, { lockWaitMs: 400 })
    const insert = 'INSERT INTO t (v) VALUES (?)'
    await w.run(insert, ['first']) // the thread is up
    other.exec('BEGIN IMMEDIATE')
    const waited = w.run(insert, ['waited'])
    await new Promise((r) => setTimeout(r, 150))
    other.exec('COMMIT')
    expect(await waited).toBe(1)
    other.exec('BEGIN IMMEDIATE')
    const started = performance.now()
    await expect(w.run(insert, ['refused'])).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
    expect(performance.now() - started).toBeLessThan(4000)
    other.exec('ROLLBACK')
    expect(await w.run(insert, ['after'])).toBe(1)
    await w.close()
    expect(other.prepare('SELECT v FROM t ORDER BY rowid').all()).toEqual(['first', 'waited', 'after'].map((v) => ({ v })))
    other.close()
  })

  it('the WAL is copied into the database file by the checkpoint thread, not by commits', async () => {
    // the database file alone (without its -wal) holds the rows only once a checkpoint copied them
    const rowsInMainFile = (file: string): number => {
      const copy = `${file}.copy`
      copyFileSync(file, copy)
      const db = new Database(copy, { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const insert = 'INSERT INTO t (v) VALUES (?)'
    for (const [checkpointMs, expected] of [[3_600_000, 0], [50, 20]] as const) {
      const file = dbFile()
      openSqlite(file, [{ version: 1, sql: 'CREATE TABLE t (v TEXT)' }]).close()
      const w = writerModule.openThreadWriter(file, { checkpointMs })
      for (let i = 0; i < 20; i++) await w.run(insert, [`row ${i}`])
      // 400 ms, then (for the 50 ms checkpointer) up to 5 s more: on a loaded machine the thread may start late
      await new Promise((r) => setTimeout(r, 400))
      for (let waited = 0; expected > 0 && rowsInMainFile(file) < expected && waited < 5_000; waited += 100) await new Promise((r) => setTimeout(r, 100))
      expect(rowsInMainFile(file), `checkpointMs ${checkpointMs}`).toBe(expected)
      await w.close()
    }
  })

  it('the verifier store creates sessions without fsync and finishes and purges with one', async () => {
    const store = openVerifierSqliteStore(dbFile())
    const w = writers.at(-1) as SqliteWriter
    await Promise.all([store.createSession(session('a')), store.createSession(session('b'))])
    expect(w.commits()).toEqual({ durable: 0, lazy: 1 })
    expect(await store.finishByState('state-a', NOW + 1, verified)).toEqual({ ok: true })
    expect(w.commits()).toEqual({ durable: 1, lazy: 1 })
    await store.purgeExpired(NOW + 1, 0)
    expect(w.commits().durable).toBe(2)
    await store.close()
  })
})

/** Runs `body` in a child process with `store` open on `file`; the body ends by killing its process (SIGKILL). */
function killedAfter(file: string, body: string): { stdout: string } {
  const storeModule = fileURLToPath(new URL('../../shared/store/verifier/index.ts', import.meta.url))
  const script = `
    const { openVerifierSqliteStore } = await import(${JSON.stringify(storeModule)})
    const store = openVerifierSqliteStore(${JSON.stringify(file)})
    ${body}
  `
  const scriptFile = join(file, '..', '..', 'child.mts')
  writeFileSync(scriptFile, script)
  const child = spawnSync(process.execPath, ['--import', 'tsx', scriptFile], { encoding: 'utf8', timeout: 30_000 })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  return child
}
