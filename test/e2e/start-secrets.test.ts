// `npm start` keeps its generated demo secrets in the data folder (0600): a restart prints the same admin token and API
// key, and both still work; a restart on another issuer port warns that the folder's credentials name the old URL.
import { statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_FILES } from '../../scripts/lib/demo-secrets.ts'
import { freePort } from '../support/processes.ts'
import { start } from './start-process.ts'

interface Printed {
  issuerUrl: string
  adminToken: string
  verifierUrl: string
  apiKey: string
  stderr: string
}

async function startOnce(dataDir: string, issuerPort: number): Promise<Printed> {
  const s = await start(dataDir, { ISSUER_PORT: String(issuerPort) })
  try {
    const out = s.stdout()
    const issuer = /^ {2}issuer {4}(\S+) {4}admin token: (\S+) {2}\(demo value, kept in (\S+)\)/m.exec(out)
    const verifier = /^ {2}verifier {2}(\S+) {4}API key: (\S+) {2}\(demo value, kept in (\S+)\)/m.exec(out)
    if (!issuer || !verifier) throw new Error(`unexpected output:\n${out}`)
    expect(issuer[3]).toBe(join(dataDir, DEMO_FILES.adminToken))
    expect(verifier[3]).toBe(join(dataDir, DEMO_FILES.apiKey))
    // Both secrets work against the running services.
    const admin = await fetch(`${issuer[1]}/admin/persons/nobody/credentials`, { headers: { authorization: `Bearer ${issuer[2]}` } })
    expect(admin.status).toBe(404)
    const api = await fetch(`${verifier[1]}/presentations/nothing`, { headers: { authorization: `Bearer ${verifier[2]}` } })
    expect(api.status).toBe(404)
    return { issuerUrl: issuer[1] as string, adminToken: issuer[2] as string, verifierUrl: verifier[1] as string, apiKey: verifier[2] as string, stderr: s.stderr() }
  } finally {
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
  }
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('npm start demo secrets', () => {
  it('keeps the admin token and API key across restarts (files 0600) and warns when the issuer URL changed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eid-secrets-'))
    dirs.push(dataDir)
    const port = await freePort()
    const first = await startOnce(dataDir, port)
    expect(first.stderr).not.toContain('warning:')
    for (const f of [DEMO_FILES.adminToken, DEMO_FILES.apiKey, DEMO_FILES.walletPassphrase]) {
      expect(statSync(join(dataDir, f)).mode & 0o777).toBe(0o600)
    }

    const second = await startOnce(dataDir, port)
    expect(second.adminToken).toBe(first.adminToken)
    expect(second.apiKey).toBe(first.apiKey)
    expect(second.issuerUrl).toBe(first.issuerUrl)
    expect(second.stderr).not.toContain('warning:')

    const other = await freePort()
    const third = await startOnce(dataDir, other)
    expect(third.adminToken).toBe(first.adminToken)
    expect(third.apiKey).toBe(first.apiKey)
    expect(third.stderr).toContain(`warning: the credentials in ${dataDir} were issued by ${first.issuerUrl}, but the issuer now starts as http://127.0.0.1:${other}.`)
  }, 90_000)
})
