// Opens the encrypted wallet state file and saves changes to it (one writer at a time per process).
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { withFileLock } from './file-lock.ts'
import { isEidError } from '../../shared/errors/index.ts'
import { DEFAULT_KDF, createStateKey, kdfBelow, readStateFile, rereadStateFile, stateFileExists, writeStateFile } from './state-file.ts'
import type { KdfParams, StateFileKey } from './state-file.ts'
import { emptyState, parseState } from './state.ts'
import type { WalletState } from './state.ts'

/** Name of the state file inside the wallet folder. */
export const STATE_FILE_NAME = 'wallet.enc.json'

export interface WalletStore {
  readonly file: string
  /** The decrypted state as last read or written by this process; mutate through `update`. */
  read(): WalletState
  /** Re-reads the file when another process has written it since (unchanged: one `stat`, no read or decryption). */
  refresh(): Promise<void>
  /**
   * Under the wallet's lock file: re-reads the state from disk (another process may have written),
   * applies `change` and persists it atomically; the in-memory state changes only on success.
   */
  update(change: (state: WalletState) => void): Promise<void>
}

/**
 * Opens the wallet in `dir` with `passphrase`, creating an empty encrypted file when none exists (the passphrase
 * policy applies: `wallet_passphrase_weak`). A file whose KDF costs less than `kdf` (default `DEFAULT_KDF`) is
 * re-encrypted with a fresh salt and `kdf` before use. Throws `wallet_passphrase_wrong` for a wrong passphrase.
 */
export async function openWalletStore(dir: string, passphrase: string, kdf?: KdfParams): Promise<WalletStore> {
  const file = join(dir, STATE_FILE_NAME)
  const existing = await readStateFile(file, passphrase)
  if (existing === undefined) {
    const created = await createStateKey(passphrase, kdf)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const wrote = await withFileLock(`${file}.lock`, async () => {
      // Another process may have created it meanwhile: never overwrite an existing wallet.
      if (await stateFileExists(file)) return false
      await writeStateFile(file, created, JSON.stringify(emptyState()))
      return true
    })
    return wrote ? storeFor(file, created, emptyState()) : openWalletStore(dir, passphrase, kdf)
  }
  const target = kdf ?? DEFAULT_KDF
  if (kdfBelow(existing.key.header.kdf, target)) {
    const upgraded = await upgradeKdf(file, existing.key, await createStateKey(passphrase, target, { rekey: true }))
    // Another process upgraded it first: open what it wrote.
    return upgraded ? storeFor(file, upgraded.key, parseState(upgraded.plaintext)) : openWalletStore(dir, passphrase, kdf)
  }
  return storeFor(file, existing.key, parseState(existing.plaintext))
}

/** Re-encrypts the file (under its lock) with `fresh`; undefined when another process re-keyed it meanwhile. */
async function upgradeKdf(file: string, old: StateFileKey, fresh: StateFileKey): Promise<{ key: StateFileKey; plaintext: string } | undefined> {
  return withFileLock(`${file}.lock`, async () => {
    let plaintext: string
    try {
      plaintext = await rereadStateFile(file, old)
    } catch (err) {
      if (isEidError(err) && err.code === 'wallet_passphrase_wrong') return undefined
      throw err
    }
    await writeStateFile(file, fresh, plaintext)
    return { key: fresh, plaintext }
  })
}

/**
 * The version of the file on disk: every write renames a freshly written temporary file over it (another inode, another
 * mtime), so an equal version is the content last read. Undefined when it cannot be stat'ed (the read then reports why).
 */
async function versionOf(file: string): Promise<string | undefined> {
  try {
    const s = await stat(file, { bigint: true })
    return `${s.ino}:${s.size}:${s.mtimeNs}`
  } catch {
    return undefined
  }
}

function storeFor(file: string, key: StateFileKey, initial: WalletState): WalletStore {
  let state = initial
  /** The file version `state` was read from or written as (undefined: re-read at the next refresh). */
  let version: string | undefined
  let queue: Promise<void> = Promise.resolve()
  return {
    file,
    read: () => state,
    async refresh() {
      await queue
      // stat before reading: a write in between leaves the older version recorded, so the next refresh reads again
      const now = await versionOf(file)
      if (now !== undefined && now === version) return
      state = parseState(await rereadStateFile(file, key))
      version = now
    },
    update(change) {
      const run = (): Promise<void> =>
        withFileLock(`${file}.lock`, async () => {
          const next = parseState(await rereadStateFile(file, key))
          change(next)
          await writeStateFile(file, key, JSON.stringify(next))
          state = next
          // still under the lock: no other writer can have replaced the file since
          version = await versionOf(file)
        })
      const result = queue.then(run)
      queue = result.catch(() => undefined)
      return result
    },
  }
}
