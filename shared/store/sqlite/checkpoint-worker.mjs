// The checkpointer of shared/store/sqlite/writer-worker.mjs (plain JavaScript, a worker thread): copies the WAL into the
// database file from its own connection every `intervalMs` (a PASSIVE checkpoint: it takes no write lock and skips
// frames a reader still needs), so that work and its fsync never run inside a writer's commit, where every write
// queued behind the commit waited for it (SQLite's automatic checkpoint runs in the committing connection).
import { clearInterval, setInterval } from 'node:timers'
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
db.pragma('synchronous = FULL')
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m.type !== 'close') return
  clearInterval(timer)
  db.close()
  parentPort.close()
})
