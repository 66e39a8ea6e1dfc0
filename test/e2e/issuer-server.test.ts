// The server entry (issuer/server.ts) honours its environment: refuses to start without ISSUER_ADMIN_TOKEN
// outside the demo, and serves metadata for ISSUER_URL on ISSUER_PORT/HOST with files under EID_DATA_DIR/issuer.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from './issuer-harness.ts'
import { freePort, startProcess } from '../support/processes.ts'

/** issuer/server.ts with `env`; no admin token and no demo mode unless `env` gives them. */
const start = (env: Record<string, string>) => startProcess('issuer/server.ts', { ISSUER_ADMIN_TOKEN: '', EID_DEMO: '', ...env })

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
      await s.waitFor('issuer listening', 10_000)
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
