// Opens the encrypted wallet state file and saves changes to it (one writer at a time per process).
import { join } from 'node:path'
import { createStateKey, readStateFile, writeStateFile } from './state-file.ts'
import type { KdfParams, StateFileKey } from './state-file.ts'
import { emptyState, parseState } from './state.ts'
import type { WalletState } from './state.ts'

/** Name of the state file inside the wallet folder. */
export const STATE_FILE_NAME = 'wallet.enc.json'

export interface WalletStore {
  readonly file: string
  /** The decrypted state; mutate through `update`. */
  read(): WalletState
  /** Applies `change` to a copy of the state and persists it atomically; the in-memory state changes only on success. */
  update(change: (state: WalletState) => void): Promise<void>
}

/**
 * Opens the wallet in `dir` with `passphrase`, creating an empty encrypted file when none exists.
 * Throws `wallet_passphrase_wrong` for a wrong passphrase.
 */
export async function openWalletStore(dir: string, passphrase: string, kdf?: KdfParams): Promise<WalletStore> {
  const file = join(dir, STATE_FILE_NAME)
  const existing = await readStateFile(file, passphrase)
  let key: StateFileKey
  let state: WalletState
  if (existing === undefined) {
    key = await createStateKey(passphrase, kdf)
    state = emptyState()
    await writeStateFile(file, key, JSON.stringify(state))
  } else {
    key = existing.key
    state = parseState(existing.plaintext)
  }
  let queue: Promise<void> = Promise.resolve()
  return {
    file,
    read: () => state,
    update(change) {
      const run = async (): Promise<void> => {
        const next = structuredClone(state)
        change(next)
        await writeStateFile(file, key, JSON.stringify(next))
        state = next
      }
      const result = queue.then(run)
      queue = result.catch(() => undefined)
      return result
    },
  }
}
