// The wallet store's refresh reads and decrypts the state file only when another process has written it since: the
// web pages and the CLI call it on every listing, and a read is a full decryption and parse of the state.
import { mkdtemp, rm } from 'node:fs/promises'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openWalletStore, STATE_FILE_NAME } from '../../wallet/core/wallet-store.ts'

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>()
  return { ...real, readFile: vi.fn(real.readFile) }
})

const KDF = { N: 1024, r: 8, p: 1 }
const PASSPHRASE = 'refresh test passphrase'
let dir = ''
const stateReads = (): number => vi.mocked(fsp.readFile).mock.calls.filter(([p]) => String(p) === join(dir, STATE_FILE_NAME)).length

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wallet-refresh-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('wallet store refresh', () => {
  it('an unchanged file is not read again; a write by another process is', async () => {
    const a = await openWalletStore(dir, PASSPHRASE, KDF)
    const b = await openWalletStore(dir, PASSPHRASE, KDF)
    await a.refresh()
    const before = stateReads()
    await a.refresh()
    await a.refresh()
    expect(stateReads()).toBe(before)

    await b.update((s) => s.history.push({ at: 1, clientId: 'x509_hash:abc', serviceName: 'Shop', purpose: '', responseOrigin: 'https://shop.example', outcome: 'declined', disclosures: [] }))
    const afterOther = stateReads()
    await a.refresh()
    expect(stateReads()).toBe(afterOther + 1)
    expect(a.read().history).toHaveLength(1)

    // its own write is what it holds: no read needed after it (the update's own read under the lock aside)
    await a.update((s) => s.history.push({ at: 2, clientId: 'x509_hash:abc', serviceName: 'Shop', purpose: '', responseOrigin: 'https://shop.example', outcome: 'declined', disclosures: [] }))
    const afterWrite = stateReads()
    await a.refresh()
    expect(stateReads()).toBe(afterWrite)
    await b.refresh()
    expect(b.read().history).toHaveLength(2)
  })
})
