// The wallet's encrypted state file: no plaintext claim value, token or private key in its bytes; wrong passphrase; tampering; atomic writes.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_KDF, openWallet, STATE_FILE_NAME } from '../../wallet/core/index.ts'
import { withFileLock } from '../../wallet/core/file-lock.ts'
import { createStateKey, readStateFile, writeStateFile } from '../../wallet/core/state-file.ts'
import { parseState } from '../../wallet/core/state.ts'
import { PERSON, startFakeIssuer, startFakeVerifier, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier } from './wallet-fixtures.ts'

let issuer: FakeIssuer
let verifier: FakeVerifier
let w: Awaited<ReturnType<typeof tempWallet>>

beforeAll(async () => {
  issuer = await startFakeIssuer()
  verifier = await startFakeVerifier()
  w = await tempWallet([verifier.registrarRoot], { kdf: DEFAULT_KDF })
  await w.wallet.accept(issuer.offer(), { txCode: '123456' })
  const shop = await verifier.registerService({ name: 'Wine Shop', allowedClaims: [['age_over_18']] })
  await w.wallet.present((await verifier.createRequest(shop)).uri, { consent: () => true })
})

afterAll(async () => {
  await w.cleanup()
  await issuer.close()
  await verifier.close()
})

describe('wallet state file', () => {
  it('holds no plaintext claim value, credential, disclosure or private key', async () => {
    const file = join(w.dir, STATE_FILE_NAME)
    const bytes = await readFile(file)
    const text = bytes.toString('latin1')
    const state = parseState((await readStateFile(file, w.config.passphrase))?.plaintext ?? '')
    expect(state.credentials).toHaveLength(9) // 10 accepted, the one presented pruned (with its key)
    const secrets: string[] = [PERSON.given_name, PERSON.family_name, PERSON.national_id, PERSON.birthdate, PERSON.region, 'age_over_18']
    for (const c of state.credentials) {
      const d = c.holderKey?.privateJwk.d
      expect(typeof d).toBe('string')
      secrets.push(String(d), c.sdJwt.split('.')[0] ?? '', c.sdJwt.split('~')[1] ?? '')
    }
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(3)
      expect(text.includes(s), 'secret found in the wallet file').toBe(false)
      expect(text.includes(Buffer.from(s).toString('base64')), 'base64 secret found in the wallet file').toBe(false)
    }
    console.log(`wallet file: ${bytes.length} bytes, ${secrets.length} secrets checked absent`)
  })

  it('uses scrypt N=2^17, r=8, p=1 (OWASP minimum) with a 16-byte salt by default', async () => {
    expect(DEFAULT_KDF).toEqual({ N: 2 ** 17, r: 8, p: 1 })
    const header = JSON.parse(await readFile(join(w.dir, STATE_FILE_NAME), 'utf8')) as { kdf: { N: number; r: number; p: number; salt: string } }
    expect(header.kdf).toMatchObject({ N: 131072, r: 8, p: 1 })
    expect(Buffer.from(header.kdf.salt, 'base64url')).toHaveLength(16)
  })

  it('a file of an older version (N=2^15) opens and is re-encrypted with the default parameters and a new salt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wallet-old-'))
    try {
      const file = join(dir, STATE_FILE_NAME)
      const old = await createStateKey('short', { N: 32768, r: 8, p: 1 }, { rekey: true })
      const state = { version: 1, credentials: [], history: [{ at: 1, clientId: 'x509_hash:abc', serviceName: 'Old Shop', purpose: 'p', responseOrigin: 'https://shop.example', outcome: 'sent', disclosures: [] }] }
      await writeStateFile(file, old, JSON.stringify(state))
      const before = JSON.parse(await readFile(file, 'utf8')) as { kdf: { N: number; salt: string } }
      // The passphrase policy is for new wallets: an existing wallet with a short passphrase still opens.
      const opened = await openWallet({ dir, passphrase: 'short', trustedRegistrar: [] })
      expect(opened.history()).toEqual(state.history)
      const after = JSON.parse(await readFile(file, 'utf8')) as { kdf: { N: number; r: number; p: number; salt: string } }
      expect(after.kdf).toMatchObject({ N: 131072, r: 8, p: 1 })
      expect(after.kdf.salt).not.toBe(before.kdf.salt)
      expect((await readStateFile(file, 'short'))?.plaintext).toBe(JSON.stringify(state))
      expect(await readdir(dir)).toEqual([STATE_FILE_NAME])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a new wallet needs a passphrase of at least 8 characters (wallet_passphrase_weak), and nothing is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wallet-weak-'))
    try {
      await expect(openWallet({ dir, passphrase: 'a', trustedRegistrar: [] })).rejects.toMatchObject({ code: 'wallet_passphrase_weak', message: expect.stringMatching(/at least 8 characters/) })
      await expect(openWallet({ dir, passphrase: '七个字的口令!', trustedRegistrar: [] })).rejects.toMatchObject({ code: 'wallet_passphrase_weak' })
      expect(await readdir(dir)).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is private to its owner and replaced atomically (no temporary files left)', async () => {
    expect((await stat(join(w.dir, STATE_FILE_NAME))).mode & 0o777).toBe(0o600)
    expect((await stat(w.dir)).mode & 0o077).toBe(0)
    expect(await readdir(w.dir)).toEqual([STATE_FILE_NAME])
  })

  it('a wrong passphrase is a clear wallet_passphrase_wrong', async () => {
    await expect(openWallet({ ...w.config, passphrase: 'wrong horse' })).rejects.toMatchObject({
      code: 'wallet_passphrase_wrong',
      message: expect.stringMatching(/wrong wallet passphrase/),
    })
  })

  it('a missing passphrase is wallet_passphrase_missing', async () => {
    await expect(openWallet({ ...w.config, passphrase: '' })).rejects.toMatchObject({ code: 'wallet_passphrase_missing' })
  })

  it('a passphrase longer than 1024 characters is input_too_large, refused before any key derivation', async () => {
    await expect(openWallet({ ...w.config, passphrase: 'x'.repeat(1025) })).rejects.toMatchObject({ code: 'input_too_large' })
  })

  it('the correct passphrase reopens the same credentials and history', async () => {
    const again = await openWallet(w.config)
    expect((await again.list({ checkStatus: false })).length).toBeGreaterThanOrEqual(9)
    expect(again.history()).toHaveLength(1)
  })

  it('two processes writing the same wallet lose no update (lock file, re-read under the lock)', async () => {
    const a = await openWallet(w.config)
    const b = await openWallet(w.config)
    await Promise.all([a.accept(issuer.offer(), { txCode: '123456', batchSize: 2 }), b.accept(issuer.offer(), { txCode: '123456', batchSize: 3 })])
    expect((await (await openWallet(w.config)).list({ checkStatus: false })).length).toBe(14) // 9 + 2 + 3
    expect(await readdir(w.dir)).toEqual([STATE_FILE_NAME])
  })

  it('a lock held by another writer longer than the wait: wallet_busy, and the waiting write never runs', async () => {
    const lock = join(w.dir, `${STATE_FILE_NAME}.busy-test.lock`)
    let release = (): void => {}
    const held = withFileLock(lock, () => new Promise<void>((r) => (release = r)))
    while (!(await readdir(w.dir)).includes(`${STATE_FILE_NAME}.busy-test.lock`)) await new Promise((r) => setTimeout(r, 5))
    let ran = false
    await expect(withFileLock(lock, async () => { ran = true }, 100)).rejects.toMatchObject({ code: 'wallet_busy' })
    expect(ran).toBe(false)
    release()
    await held
    await withFileLock(lock, async () => { ran = true }, 100) // released: the next writer gets it
    expect(ran).toBe(true)
    expect(await readdir(w.dir)).toEqual([STATE_FILE_NAME])
  })

  describe('tampering', () => {
    async function tampered(change: (f: Record<string, unknown>) => void): Promise<string> {
      const dir = join(w.dir, '..', `${w.dir.split('/').at(-1)}-t${Math.random().toString(36).slice(2)}`)
      const f = JSON.parse(await readFile(join(w.dir, STATE_FILE_NAME), 'utf8')) as Record<string, unknown>
      change(f)
      const { mkdir } = await import('node:fs/promises')
      await mkdir(dir)
      await writeFile(join(dir, STATE_FILE_NAME), JSON.stringify(f))
      return dir
    }

    it('a modified ciphertext fails authentication', async () => {
      const dir = await tampered((f) => {
        const ct = String(f.ciphertext)
        f.ciphertext = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1)
      })
      await expect(openWallet({ ...w.config, dir })).rejects.toMatchObject({ code: 'wallet_passphrase_wrong' })
    })

    it('a modified header (kdf parameters) fails authentication', async () => {
      const dir = await tampered((f) => {
        ;(f.kdf as Record<string, unknown>).N = 16384
      })
      await expect(openWallet({ ...w.config, dir })).rejects.toMatchObject({ code: 'wallet_passphrase_wrong' })
    })

    it('a file of another shape is wallet_file_corrupt', async () => {
      const dir = await tampered((f) => {
        f.format = 'something-else'
      })
      await expect(openWallet({ ...w.config, dir })).rejects.toMatchObject({ code: 'wallet_file_corrupt' })
    })
  })
})
