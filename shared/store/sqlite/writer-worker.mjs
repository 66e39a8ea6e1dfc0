// The writer thread of shared/store/sqlite/writer.ts (plain JavaScript: a worker thread runs without the TypeScript loader).
// It owns the one write connection of a database file in this process and runs each batch of statements it receives as
// one IMMEDIATE transaction (group commit), each statement in its own savepoint. A durable batch (any durable write)
// commits with synchronous = FULL and is answered only once its commit is on disk; a batch of only `durable: false`
// writes commits with synchronous = NORMAL (in the WAL, not fsynced; the next FULL commit or checkpoint fsyncs it).
// Lock waits, fsyncs and WAL checkpoints block this thread, never the service's event loop.
import { performance } from 'node:perf_hooks'
import { parentPort, Worker, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
/** How long a batch waits for the write lock another process holds, as SQLite's busy_timeout did (ms). */
const LOCK_WAIT_MS = workerData.lockWaitMs ?? 5000
// No SQLite busy wait for BEGIN: its sleeps grow to 100 ms, so a process can take the lock again and again while the
// other sleeps, and every write queued behind that batch waits (the p99 tail with WORKERS=2). `immediate` polls instead.
db.pragma('busy_timeout = 0')
// Checkpoints run on a thread of their own (checkpoint-worker.mjs), not inside this connection's commits; should that
// thread stop, this connection checkpoints again as SQLite does by default (every 1000 pages).
db.pragma('wal_autocheckpoint = 0')
const checkpointer = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file: workerData.file, intervalMs: workerData.checkpointMs ?? 200 } })
let closing = false
checkpointer.on('error', () => undefined) // its exit follows
checkpointer.on('exit', () => {
  if (!closing) db.pragma('wal_autocheckpoint = 1000')
})
db.pragma('synchronous = FULL')
let full = true
/** Sets the connection's synchronous level for the next commit (outside a transaction; only when it changes). */
function syncFull(durable) {
  if (durable === full) return
  db.pragma(durable ? 'synchronous = FULL' : 'synchronous = NORMAL')
  full = durable
}
db.pragma('secure_delete = ON')
db.pragma('foreign_keys = ON')

const statements = new Map()
function prepared(sql) {
  let s = statements.get(sql)
  if (s === undefined) {
    s = db.prepare(sql)
    statements.set(sql, s)
  }
  return s
}

const errorOf = (err) => ({ message: err instanceof Error ? err.message : String(err), code: typeof err?.code === 'string' ? err.code : undefined })
// nested in `batch`, a transaction is a savepoint: a failing statement is undone alone
const one = db.transaction((op) => prepared(op.sql).run(...op.params).changes)
const batch = db.transaction((ops) => ops.map((op) => {
  try {
    return { changes: one(op) }
  } catch (err) {
    return { error: errorOf(err) }
  }
}))

const pause = new Int32Array(new SharedArrayBuffer(4))
/**
 * `batch.immediate(ops)`, retried while another process holds the write lock (SQLITE_BUSY at BEGIN IMMEDIATE, nothing
 * of the batch done): waits of 0.1 ms doubling to at most 2 ms, for at most LOCK_WAIT_MS; then the error stands.
 */
function immediate(ops) {
  const deadline = performance.now() + LOCK_WAIT_MS
  for (let wait = 0.1; ; wait = Math.min(wait * 2, 2)) {
    try {
      return batch.immediate(ops)
    } catch (err) {
      // BUSY escaping the batch is its BEGIN (or COMMIT, rolled back): nothing of it was done, so it may run again
      if (err?.code !== 'SQLITE_BUSY' || performance.now() >= deadline) throw err
      Atomics.wait(pause, 0, 0, wait)
    }
  }
}

parentPort.on('message', (m) => {
  if (m.type === 'batch') {
    const durable = m.durable !== false
    let results
    try {
      syncFull(durable)
      results = immediate(m.ops)
    } catch (err) {
      const error = errorOf(err)
      results = m.ops.map(() => ({ error }))
    }
    parentPort.postMessage({ type: 'done', id: m.id, results, durable })
  } else if (m.type === 'truncate') {
    let result
    try {
      // the checkpoint waits for readers through SQLite's busy handler (off for batches)
      db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`)
      try {
        db.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        db.pragma('busy_timeout = 0')
      }
      result = { changes: 0 }
    } catch (err) {
      result = { error: errorOf(err) }
    }
    parentPort.postMessage({ type: 'done', id: m.id, results: [result] })
  } else if (m.type === 'close') {
    closing = true
    checkpointer.postMessage({ type: 'close' })
    db.close()
    parentPort.postMessage({ type: 'closed' })
    parentPort.close()
  }
})
