// The writer thread of shared/store/sqlite/writer.ts (plain JavaScript: a worker thread runs without the TypeScript loader).
// It owns the one write connection of a database file in this process and runs each batch of statements it receives as
// one IMMEDIATE transaction (group commit), each statement in its own savepoint, with synchronous = FULL: a batch is
// answered only once its commit is on disk. Lock waits (busy_timeout), fsyncs and WAL checkpoints block this thread,
// never the service's event loop.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = FULL')
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
    let results
    try {
      results = batch.immediate(m.ops)
    } catch (err) {
      const error = errorOf(err)
      results = m.ops.map(() => ({ error }))
    }
    parentPort.postMessage({ type: 'done', id: m.id, results })
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
