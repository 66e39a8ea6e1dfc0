// `npm run load` (tsx load/index.ts) in a tiny configuration: the issuer and verifier servers as their own processes,
// a few issuance flows and presentations at concurrency 2; it must print its rows and every result verified (the tool
// exits 1 when the services reject a presentation). One backend, to stay fast: PostgreSQL (a fresh schema per service)
// when DATABASE_URL is set, as in CI, else SQLite.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { unverified } from '../../load/presentations.ts'
import { DATABASE_URL } from '../support/postgres.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BACKENDS = DATABASE_URL === undefined ? ['sqlite'] : ['postgres']

describe('npm run load', () => {
  it('prints limits, verifier and issuer rows for each backend, and every presentation verified', async () => {
    const args = ['load/index.ts', '--workers', '1', '--backends', BACKENDS.join(','), '--concurrency', '2', '--presentations', '4',
      '--issue-concurrency', '2', '--issue-flows', '1', '--issue-warmup', '1', '--limit-seconds', '0.2', '--raw-seconds', '0.05',
      '--paced', '0.002', '--paced-wallets', '2', '--paced-seconds', '0.5', '--present-warmup', '2']
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, timeout: 110_000, env: { ...process.env } }, (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err })
      })
    })
    expect(code, `${stdout.slice(-3000)}\n${stderr.slice(-2000)}`).toBe(0)
    expect(stdout).toMatch(/WebCrypto ES256 verify, \d+ worker threads \(one per core\): \d+ verifies\/s/)
    expect(stdout).toMatch(/verify limit measured again after the load: \d+ verifies\/s \(before: \d+\); "% of limit" below uses the higher, \d+ presentations\/s/)
    expect(stdout).toMatch(/raw presentation = 2 verifies \+ 1 holder key import: \d+\.\d+ ms/)
    expect(stdout).toMatch(/^2 presentations were posted untimed first \(JIT warm-up\), then the levels:$/m)
    expect(stdout).toMatch(/raw batch of 10 with node:crypto .*: \d+\.\d+ ms CPU; WebCrypto: \d+\.\d+ ms\. 1 flows ran untimed first/)
    for (const backend of BACKENDS) {
      // backend, wallets, posted, verified, pres/s, % of limit, p50, p90, p99, CPU ms/pres, x raw
      expect(stdout).toMatch(new RegExp(`^${backend} +2 +4 +4/4 +\\d+ +[\\d.]+ % +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+x$`, 'm'))
      // open loop: backend, offered/s, % of limit, wallets, posted, verified, pres/s, p50, p90, p99, max, CPU ms/pres, x raw
      expect(stdout).toMatch(new RegExp(`^${backend} +\\d+ +[\\d.]+ % +2 +(\\d+) +\\1/\\1 +\\d+( +[\\d.]+){5} +[\\d.]+x$`, 'm'))
      // floor after the closed level: backend, wallets, closed, posted, answered 200, pres/s, % of limit, p50, p99, CPU ms/pres, client ms/pres, verifier CPU / floor
      expect(stdout).toMatch(new RegExp(`^${backend} +2 +closed +4 +4/4 +\\d+ +[\\d.]+ % +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +(?:[\\d.]+x|n/a)$`, 'm'))
      // backend, wallets, flows, flows/s, credentials/s, p50, p90, p99, CPU ms/flow, x raw (WebCrypto), x node raw (node:crypto)
      expect(stdout).toMatch(new RegExp(`^${backend} +2 +1 +[\\d.]+ +\\d+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+x +[\\d.]+x$`, 'm'))
    }
    const [, verified, posted] = /(\d+) of (\d+) presentations verified/.exec(stdout) ?? []
    expect(Number(posted)).toBeGreaterThan(4 * BACKENDS.length)
    expect(verified).toBe(posted)
    expect(stderr).not.toContain('FAILED')
  }, 120_000)

  it('counts every result that is not verified, by outcome', () => {
    const ok = { status: 200, body: JSON.stringify({ status: 'verified', claims: { age_over_18: true } }) }
    expect(unverified([ok, ok])).toEqual({})
    expect(unverified([
      ok,
      { status: 200, body: JSON.stringify({ status: 'rejected', error: 'credential_revoked' }) },
      { status: 200, body: JSON.stringify({ status: 'pending' }) },
      { status: 404, body: JSON.stringify({ error: 'invalid_request', code: 'not_found' }) },
      { status: 502, body: '<html>' },
    ])).toEqual({ '200 rejected credential_revoked': 1, '200 pending': 1, '404 not_found': 1, '502 not JSON': 1 })
  })
})
