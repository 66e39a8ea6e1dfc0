// The writer thread of shared/store/sqlite/writer.ts (plain JavaScript: a worker thread runs without the TypeScript loader).
// It owns the one write connection of a database file in this process and runs each batch of statements it receives as
// one IMMEDIATE transaction (group commit), each statement in its own savepoint. A durable batch (any durable write)
// commits with synchronous = FULL and is answered only once its commit is on disk; a batch of only `durable: false`
// writes commits with synchronous = NORMAL (in the WAL, not fsynced; the next FULL commit or checkpoint fsyncs it).
// Lock waits (busy_timeout), fsyncs and WAL checkpoints block this thread, never the service's event loop.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
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

parentPort.on('message', (m) => {
  if (m.type === 'batch') {
    const durable = m.durable !== false
    let results
    try {
      syncFull(durable)
      results = batch.immediate(m.ops)
    } catch (err) {
      const error = errorOf(err)
      results = m.ops.map(() => ({ error }))
    }
    parentPort.postMessage({ type: 'done', id: m.id, results, durable })
  } else if (m.type === 'truncate') {
    let result
    try {
      db.pragma('wal_checkpoint(TRUNCATE)')
      result = { changes: 0 }
    } catch (err) {
      result = { error: errorOf(err) }
    }
    parentPort.postMessage({ type: 'done', id: m.id, results: [result] })
  } else if (m.type === 'close') {
    db.close()
    parentPort.postMessage({ type: 'closed' })
    parentPort.close()
  }
})
