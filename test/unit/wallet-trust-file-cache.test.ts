// The wallet's registrar roots from a file (WALLET_TRUSTED_REGISTRAR=<path>) are read and parsed once, not at every
// presentation: read again only when the file's inode, size or modification time changes.
import { mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CryptoKey } from 'jose'
import { createRootCertificate } from '../../shared/x509/index.ts'
import { presentationRegistrarRoots } from '../../wallet/core/trust-store.ts'
import type { WalletStore } from '../../wallet/core/wallet-store.ts'

type KeyPair = { publicKey: CryptoKey; privateKey: CryptoKey }
const ec = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<KeyPair>
const root = async (name: string): Promise<string> =>
  createRootCertificate({ name, keys: await ec(), notBefore: new Date(Date.UTC(2026, 0, 1)), notAfter: new Date(Date.UTC(2027, 0, 1)), pathLength: 1 })
const pem = (der: string): string => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`

let dir: string
let file: string
const store = { read: () => ({ version: 1, credentials: [], history: [] }) } as unknown as WalletStore
const roots = () => presentationRegistrarRoots(store, file, { allowHttpHosts: [] }, { timeoutMs: 1000, maxBytes: 65_536 })
const T0 = 1_790_000_000 // a fixed modification time (seconds), set explicitly so the test does not depend on the clock

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eid-trust-cache-'))
  file = join(dir, 'registrar-root.pem')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('registrar roots from a file', () => {
  it('are parsed once; the file is read again only when its mtime, size or inode changes', async () => {
    const a = await root('Root A')
    const b = await root('Root B')
    await writeFile(file, pem(a))
    await utimes(file, T0, T0)
    expect(await roots()).toEqual([a])
    // same inode, size and mtime but other bytes: the cached roots are served, the file is not read
    const garbage = 'x'.repeat(pem(a).length)
    await writeFile(file, garbage)
    await utimes(file, T0, T0)
    expect(await roots()).toEqual([a])
    // a changed mtime: read again (and the garbage is refused, nothing stale served)
    await utimes(file, T0 + 1, T0 + 1)
    await expect(roots()).rejects.toMatchObject({ name: 'EidError' })
    // a changed size: read again
    await writeFile(file, `${pem(b)}\n`)
    await utimes(file, T0 + 1, T0 + 1)
    expect(await roots()).toEqual([b])
    // the file replaced by another (new inode) with the same size and mtime: read again
    const next = join(dir, 'next.pem')
    await writeFile(next, `${pem(a)}\n`)
    await utimes(next, T0 + 1, T0 + 1)
    await rename(next, file)
    expect(await roots()).toEqual([a])
    // callers may modify what they get without touching the cache
    ;(await roots()).pop()
    expect(await roots()).toEqual([a])
  })
})
