// Group commit for a better-sqlite3 store: writes go to a writer thread (writer-worker.mjs) that commits everything queued
// in one turn of the event loop as one transaction (fsynced unless every write of it may wait for the next fsync), so
// lock waits, fsyncs and checkpoints never block the service.
import { Worker } from 'node:worker_threads'
import type { Statement } from 'better-sqlite3'
import { truncateWal } from './open.ts'
import type { SqliteDb } from './open.ts'

/** A statement parameter as better-sqlite3 binds it (and a worker message carries it). */
export type SqlParam = string | number | bigint | Buffer | null

/** Options of one write. */
export interface WriteOptions {
  /**
   * true (default): acknowledged once its commit is on disk (`synchronous = FULL`: the WAL is fsynced at the commit).
   * false: acknowledged once its commit is in the WAL file (`synchronous = NORMAL`, no fsync), when the batch holds no
   * durable write. Such a write survives a crash of the process (the OS has the bytes) but a power loss or an OS crash
   * may undo it, together with the lazy writes after it, until the next durable commit or checkpoint fsyncs the WAL;
   * the database stays consistent either way, and a durable write is never undone (it fsyncs every frame before it).
   * Only for writes whose loss is harmless, such as a new pending session nobody has used yet.
   */
  durable?: boolean
}

export interface SqliteWriter {
  /**
   * Runs one write statement in the next group commit; resolves with its changed-row count once that commit is done
   * (durable unless `opts.durable` is false), or rejects with the statement's error (other statements of the batch are
   * not affected).
   */
  run(sql: string, params: readonly SqlParam[], opts?: WriteOptions): Promise<number>
  /** Commits so far: fsynced (`synchronous = FULL`) and not (`NORMAL`: every write of the batch was `durable: false`). */
  commits(): { durable: number; lazy: number }
  /** Copies the WAL into the database and truncates it (after deleting rows: no old page images left in the -wal). */
  truncateWal(): Promise<void>
  /** Waits for pending writes, then closes the write connection. */
  close(): Promise<void>
}

interface Op {
  sql: string
  params: readonly SqlParam[]
  durable: boolean
}
type Result = { changes: number } | { error: { message: string; code?: string } }

/** An error of the writer thread, with the SQLite code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`, ...). */
class SqliteWriteError extends Error {
  override name = 'SqliteWriteError'
  constructor(message: string, readonly code: string | undefined) {
    super(message)
  }
}

function settle(result: Result | undefined, p: { resolve(n: number): void; reject(e: Error): void }): void {
  if (result === undefined) p.reject(new SqliteWriteError('the writer thread gave no result', undefined))
  else if ('error' in result) p.reject(new SqliteWriteError(result.error.message, result.error.code))
  else p.resolve(result.changes)
}

/**
 * The writer of the database file `file` (already created and migrated by openSqlite): a worker thread with its own
 * connection (secure_delete). A batch waits up to `lockWaitMs` (5 s) for a write lock another process holds, polling
 * every 0.1 to 2 ms rather than through SQLite's busy wait, whose sleeps grow to 100 ms. The WAL is checkpointed every
 * `checkpointMs` (200) by a thread of its own, never inside a commit (checkpoint-worker.mjs). Statements queued while a
 * batch is being committed form the next batch; a batch is one IMMEDIATE transaction, each statement in a savepoint,
 * answered after its commit, which is fsynced (synchronous = FULL) when any statement of the batch is durable, else
 * written without fsync (NORMAL).
 */
export function openThreadWriter(file: string, o: { lockWaitMs?: number; checkpointMs?: number } = {}): SqliteWriter {
  const worker = new Worker(new URL('./writer-worker.mjs', import.meta.url), { workerData: { file, ...o } })
  worker.unref()
  type Pending = Op & { resolve(n: number): void; reject(e: Error): void }
  let queue: Pending[] = []
  const inFlight = new Map<number, Pending[]>()
  let nextId = 0
  let scheduled = false
  let failed: Error | undefined
  let closed: Promise<void> | undefined
  const counts = { durable: 0, lazy: 0 }

  const fail = (err: Error): void => {
    failed = err
    for (const batch of inFlight.values()) for (const p of batch) p.reject(err)
    inFlight.clear()
    for (const p of queue) p.reject(err)
    queue = []
  }
  worker.on('error', (err) => fail(err))
  worker.on('exit', () => fail(new SqliteWriteError('the writer thread has stopped', undefined)))
  worker.on('message', (m: { type: string; id?: number; results?: Result[]; durable?: boolean }) => {
    if (m.type !== 'done' || m.id === undefined) return
    if (m.durable !== undefined) counts[m.durable ? 'durable' : 'lazy']++
    const batch = inFlight.get(m.id) ?? []
    inFlight.delete(m.id)
    batch.forEach((p, i) => settle(m.results?.[i], p))
    if (inFlight.size === 0) {
      worker.unref()
      flush()
    }
  })

  /** Sends the queue as one batch, unless a batch is being committed (the queue then waits for it: group commit). */
  function flush(): void {
    scheduled = false
    if (queue.length === 0 || inFlight.size > 0) return
    const batch = queue
    queue = []
    const id = nextId++
    inFlight.set(id, batch)
    worker.ref()
    const durable = batch.some((p) => p.durable)
    worker.postMessage({ type: 'batch', id, durable, ops: batch.map((p) => ({ sql: p.sql, params: p.params })) })
  }

  return {
    run(sql, params, opts = {}) {
      if (failed) return Promise.reject(failed)
      if (closed) return Promise.reject(new SqliteWriteError('the store is closed', undefined))
      return new Promise<number>((resolve, reject) => {
        queue.push({ sql, params, durable: opts.durable !== false, resolve, reject })
        if (!scheduled) {
          scheduled = true
          setImmediate(flush) // what this turn of the event loop queues commits together
        }
      })
    },
    truncateWal() {
      if (failed) return Promise.reject(failed)
      return new Promise<void>((resolve, reject) => {
        const id = nextId++
        inFlight.set(id, [{ sql: '', params: [], durable: true, resolve: () => resolve(), reject }])
        worker.ref()
        worker.postMessage({ type: 'truncate', id })
      })
    },
    close() {
      closed ??= (async () => {
        while (!failed && (queue.length > 0 || inFlight.size > 0)) await new Promise((r) => setImmediate(r))
        if (failed) return
        worker.ref()
        const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
        worker.postMessage({ type: 'close' })
        await done
      })()
      return closed
    },
    commits: () => ({ ...counts }),
  }
}

/**
 * The same interface on the caller's connection, for ':memory:' databases (a thread cannot share them): each write runs
 * at once (nothing to fsync: `durable` makes no difference and no commit is counted).
 */
export function inlineWriter(db: SqliteDb): SqliteWriter {
  const statements = new Map<string, Statement<SqlParam[]>>()
  return {
    async run(sql, params) {
      let s = statements.get(sql)
      if (s === undefined) {
        s = db.prepare<SqlParam[]>(sql)
        statements.set(sql, s)
      }
      return s.run(...params).changes
    },
    async truncateWal() {
      truncateWal(db)
    },
    async close() {},
    commits: () => ({ durable: 0, lazy: 0 }),
  }
}
