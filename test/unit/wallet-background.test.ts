// The wallet's background work (wallet/background.ts): wallet/server.ts and `npm start`'s wallet app run the BBS renewal,
// the SD-JWT top-up and the registrar-root schedules; each fires within its randomised period and stops with the app.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startWalletApp } from '../../scripts/lib/stack.ts'
import { startWalletBackground } from '../../wallet/background.ts'

afterEach(() => {
  vi.useRealTimers()
})

const HOUR = 3600_000

describe('wallet background schedules', () => {
  it('tops up SD-JWT batches within 2-4 h, renews BBS within 6-12 h, reloads roots within 12-24 h, until stopped', async () => {
    vi.useFakeTimers()
    const calls: string[] = []
    const wallet = {
      topUp: async (opts?: { threshold?: number }) => {
        calls.push(`topUp:${String(opts?.threshold)}`)
        return []
      },
      refreshBbs: async (within?: number) => {
        calls.push(`refreshBbs:${String(within)}`)
        return 0
      },
      refreshTrust: async () => {
        calls.push('refreshTrust')
        return 1
      },
    }
    const bg = startWalletBackground(wallet, pino({ level: 'silent' }))
    expect(Object.keys(bg.schedules).sort()).toEqual(['bbs-refresh', 'sd-jwt-top-up', 'trust-refresh'])
    await vi.advanceTimersByTimeAsync(2 * HOUR - 1000)
    expect(calls).toEqual([])
    await vi.advanceTimersByTimeAsync(2 * HOUR)
    expect(calls).toEqual(['topUp:undefined']) // the core's default threshold (3)
    await vi.advanceTimersByTimeAsync(20 * HOUR)
    expect(calls).toContain(`refreshBbs:${30 * 3600}`)
    expect(calls).toContain('refreshTrust')
    bg.stop()
    const made = calls.length
    await vi.advanceTimersByTimeAsync(100 * HOUR)
    expect(calls).toHaveLength(made)
  })

  it("npm start's wallet app (scripts/lib/stack.ts) runs them when it has the passphrase, and not without", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eid-wallet-bg-'))
    try {
      const config = { dir: join(dir, 'wallet'), trustedRegistrar: [], trustedIssuers: ['http://127.0.0.1:1'], kdf: { N: 1024, r: 8, p: 1 } }
      const withPassphrase = await startWalletApp({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), config: { ...config, passphrase: 'background test passphrase' } })
      expect(Object.keys(withPassphrase.background?.schedules ?? {}).sort()).toEqual(['bbs-refresh', 'sd-jwt-top-up', 'trust-refresh'])
      await withPassphrase.close()
      const locked = await startWalletApp({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), config })
      expect(locked.background).toBeUndefined()
      await locked.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
