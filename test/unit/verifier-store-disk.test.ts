// The verifier database on disk (issue 15): 0600 files in a 0700 folder, and a purged result's values gone from the file and WAL bytes.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { openVerifierSqliteStore } from '../../shared/store/verifier/index.ts'

const roots: string[] = []
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true })
})

async function bytesOf(file: string): Promise<Buffer> {
  return existsSync(file) ? readFile(file) : Buffer.alloc(0)
}

describe('verifier database on disk', () => {
  it('is 0600 (with its WAL) in a 0700 folder, and after the purge no deleted national_id is left in its bytes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'verifier-disk-'))
    roots.push(root)
    const file = join(root, 'verifier', 'verifier.db')
    const store = openVerifierSqliteStore(file)
    const now = 1_800_000_000
    const ids = Array.from({ length: 20 }, (_, i) => generateResidentId({ birthdate: `19${String(50 + i).padStart(2, '0')}-03-0${(i % 9) + 1}` }))
    for (const [i, id] of ids.entries()) {
      const state = `state-${i}`
      await store.createSession({ id: `s-${i}`, state, nonce: `nonce-${i}`, dcqlQuery: { credentials: [] }, createdAt: now, expiresAt: now + 300 })
      expect(await store.finishByState(state, now + 1, { status: 'verified', claims: { national_id: id } })).toEqual({ ok: true })
    }
    // before the purge the values are on disk (the test can see them), and the modes hold
    const before = Buffer.concat([await bytesOf(file), await bytesOf(`${file}-wal`)])
    expect(ids.filter((id) => before.includes(Buffer.from(id))).length).toBeGreaterThan(0)
    expect((await stat(join(root, 'verifier'))).mode & 0o777).toBe(0o700)
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) expect((await stat(f)).mode & 0o777).toBe(0o600)
    expect(existsSync(`${file}-wal`)).toBe(true)

    expect(await store.purgeExpired(now + 4000, 3600)).toBe(ids.length)
    const after = Buffer.concat([await bytesOf(file), await bytesOf(`${file}-wal`), await bytesOf(`${file}-shm`)])
    expect(ids.filter((id) => after.includes(Buffer.from(id)))).toEqual([])
    await store.close()
    const closed = Buffer.concat([await bytesOf(file), await bytesOf(`${file}-wal`)])
    expect(ids.filter((id) => closed.includes(Buffer.from(id)))).toEqual([])
  })

  it('tightens an existing 0644 database to 0600 when it opens it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'verifier-disk-'))
    roots.push(root)
    const file = join(root, 'verifier', 'verifier.db')
    await openVerifierSqliteStore(file).close()
    const { chmod } = await import('node:fs/promises')
    await chmod(file, 0o644)
    const store = openVerifierSqliteStore(file)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    await store.close()
  })
})
