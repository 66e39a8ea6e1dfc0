// A lock file next to the wallet state so that two processes (CLI and web app) never interleave read-modify-write.
import { open, rm, stat } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { EidError } from '../../shared/errors/index.ts'

/** A lock older than this is left over from a crashed process and is broken, ms. */
export const STALE_LOCK_MS = 30_000

/**
 * Runs `fn` holding `lockPath` (created with O_EXCL, mode 0600). Waits up to `waitMs` for another
 * holder, breaking a lock older than STALE_LOCK_MS; then throws `wallet_busy`.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, waitMs = 5000): Promise<T> {
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600)
      await handle.writeFile(String(process.pid))
      await handle.close()
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0)
      if (age > STALE_LOCK_MS) {
        await rm(lockPath, { force: true })
        continue
      }
      if (Date.now() > deadline) throw new EidError('wallet_busy', 'the wallet is in use by another process; try again')
      await sleep(20)
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lockPath, { force: true })
  }
}
