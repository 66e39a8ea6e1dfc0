// The server entry (issuer/server.ts) honours its environment: refuses to start without ISSUER_ADMIN_TOKEN
// outside the demo, and serves metadata for ISSUER_URL on ISSUER_PORT/HOST with files under EID_DATA_DIR/issuer.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from './issuer-harness.ts'
import { freePort } from './start-process.ts'

const root = new URL('../../', import.meta.url).pathname
const tsx = join(root, 'node_modules', '.bin', 'tsx')

function start(env: Record<string, string>) {
  const child = spawn(tsx, ['issuer/server.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env, ISSUER_ADMIN_TOKEN: env.ISSUER_ADMIN_TOKEN ?? '', EID_DEMO: env.EID_DEMO ?? '' } })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = async (): Promise<void> => {
    for (let i = 0; i < 200 && !out.includes('issuer listening'); i++) await new Promise((r) => setTimeout(r, 50))
    if (!out.includes('issuer listening')) throw new Error('issuer did not start')
  }
  return { child, exited, listening, output: () => out }
}

describe('issuer/server.ts', () => {
  it('exits with an error when ISSUER_ADMIN_TOKEN is missing outside the demo', async () => {
    const s = start({ EID_DATA_DIR: tempDataDir(), ISSUER_PORT: String(await freePort()) })
    expect(await s.exited).toBe(1)
    expect(s.output()).toContain('ISSUER_ADMIN_TOKEN is required')
  })

  it('serves the metadata of ISSUER_URL and keeps its files under EID_DATA_DIR/issuer', async () => {
    const dataDir = tempDataDir()
    const port = await freePort()
    const issuerUrl = `http://localhost:${port}`
    const s = start({ EID_DATA_DIR: dataDir, ISSUER_PORT: String(port), HOST: '127.0.0.1', ISSUER_URL: issuerUrl, ISSUER_ADMIN_TOKEN: 'server-test-admin-token-0123' })
    try {
      await s.listening()
      const meta = (await (await fetch(`http://127.0.0.1:${port}/.well-known/openid-credential-issuer`)).json()) as { credential_issuer: string }
      expect(meta.credential_issuer).toBe(issuerUrl)
      const enroll = await fetch(`http://127.0.0.1:${port}/admin/enrollments`, { method: 'POST' })
      expect(enroll.status).toBe(401)
      expect(existsSync(join(dataDir, 'issuer', 'issuer.db'))).toBe(true)
      expect(existsSync(join(dataDir, 'issuer', 'status.sqlite'))).toBe(false) // one database file
      expect(existsSync(join(dataDir, 'issuer', 'keys', 'keys.json'))).toBe(true)
    } finally {
      s.child.kill('SIGTERM')
      await s.exited
    }
  })
})
