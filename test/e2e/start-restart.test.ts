// The npm start wiring across restarts (scripts/lib/stack.ts): the demo service is registered once per data folder,
// re-registered only when its registration no longer fits (another registrar, other claims, another origin), and the verifier starts.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { startIssuer, startService } from '../../scripts/lib/stack.ts'
import type { ServiceSpec } from '../../scripts/lib/stack.ts'
import { freePort } from '../support/processes.ts'

const quiet = pino({ level: 'silent' })
const SHOP: ServiceSpec = { name: 'Demo Wine Shop', purpose: 'Checks age', allowedClaims: [['age_over_18']] }
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

async function run(dataDir: string, spec: ServiceSpec, port: number): Promise<{ registered: boolean; clientId: string }> {
  const issuer = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: join(dataDir, 'issuer-data'), adminToken: 'restart-admin-token-0123456789', logger: quiet })
  try {
    const v = await startService({ host: '127.0.0.1', port, dataDir, apiKey: 'restart-api-key-0123456789', issuer, spec, logger: quiet })
    await v.close()
    return { registered: v.registered, clientId: v.clientId }
  } finally {
    await issuer.close()
  }
}

describe('restarts of the npm start wiring', () => {
  it('registers once, keeps the registration, and registers again only when the registrar or the claims changed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eid-restart-'))
    dirs.push(dataDir)
    const port = await freePort()
    const first = await run(dataDir, SHOP, port)
    expect(first.registered).toBe(true)
    const second = await run(dataDir, SHOP, port)
    expect(second).toEqual({ registered: false, clientId: first.clientId })

    // The registration names the origin the service answers on: another port is another origin.
    const moved = await run(dataDir, SHOP, await freePort())
    expect(moved.registered).toBe(true)

    const wider = await run(dataDir, { ...SHOP, allowedClaims: [['age_over_18'], ['region']] }, port)
    expect(wider.registered).toBe(true)
    expect(wider.clientId).not.toBe(first.clientId)

    // A new authority (its data folder wiped): the old access certificate no longer chains to its registrar root.
    await rm(join(dataDir, 'issuer-data'), { recursive: true, force: true })
    const fresh = await run(dataDir, { ...SHOP, allowedClaims: [['age_over_18'], ['region']] }, port)
    expect(fresh.registered).toBe(true)
    expect(fresh.clientId).not.toBe(wider.clientId)
  }, 30_000)
})
