// `wallet top-up` (the CLI) against the real issuer over 127.0.0.1: nothing asked while enough copies remain; below the
// threshold a new batch arrives through the refresh grant, bound to fresh holder keys; a replayed refresh token
// (refresh_token_invalid) and a revoked person (refresh_denied) are refused with their codes, nothing added.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { ADMIN_TOKEN, flowPerson, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'
import { runCli } from './wallet-cli-run.ts'

let flow: Flow
let savedEnv: NodeJS.ProcessEnv

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
  savedEnv = { ...process.env }
  Object.assign(process.env, {
    WALLET_PASSPHRASE: 'flow test passphrase', WALLET_DIR: join(flow.root, 'wallet'), WALLET_TRUSTED_REGISTRAR: flow.issuer.registrarRootUrl, WALLET_TRUSTED_ISSUERS: flow.issuer.url, WALLET_ALLOW_HTTP_HOSTS: '127.0.0.1', WALLET_KDF_N: '1024', LANG: 'C', LC_ALL: '',
  })
}, 30_000)

afterAll(async () => {
  process.env = savedEnv
  await flow?.close()
})

const refreshRequests = () => flow.recorder.exchanges.filter((e) => e.url === `${flow.issuer.url}/token` && (e.requestBody ?? '').includes('grant_type=refresh_token'))
/** The holder keys (cnf.jwk x) of every SD-JWT credential the issuer returned so far. */
const issuedKeys = (): string[] =>
  flow.recorder.exchanges
    .filter((e) => e.method === 'POST' && e.url === `${flow.issuer.url}/credential` && e.status === 200 && (e.requestBody ?? '').includes('"pid_sd_jwt"'))
    .flatMap((e) => (JSON.parse(e.responseBody ?? '{}') as { credentials?: { credential: string }[] }).credentials ?? [])
    .map((c) => String((decodeSdJwt(c.credential).payload.cnf as { jwk: { x: string } }).jwk.x))
const held = async (): Promise<number> => {
  const r = await runCli('list', '--no-status', '--json')
  expect(r.code).toBe(0)
  return (JSON.parse(r.out) as unknown[]).length
}

describe('wallet top-up (CLI) against the real issuer', () => {
  it('asks the issuer nothing while enough unused copies remain', async () => {
    const before = flow.recorder.exchanges.length
    expect(await runCli('top-up')).toEqual({ code: 0, out: 'No batch needed topping up.\n', err: '' })
    expect(flow.recorder.exchanges.length).toBe(before)
  })

  it('below the threshold: one refresh grant, a new batch of 10 bound to 10 fresh holder keys', async () => {
    const keysBefore = issuedKeys()
    expect(keysBefore).toHaveLength(10)
    const r = await runCli('top-up', '--threshold', '11')
    expect(r).toEqual({ code: 0, out: `Added 10 credential(s) from ${flow.issuer.url} (10 unused before).\n`, err: '' })
    expect(refreshRequests()).toHaveLength(1)
    const keys = issuedKeys()
    expect(new Set(keys).size).toBe(20) // every copy its own holder key, none reused from the first batch
    expect(await held()).toBe(20)
  })

  it('a replayed refresh token is refused (refresh_token_invalid); the wallet\'s next top-up is refused too, nothing added', async () => {
    const spent = new URLSearchParams(refreshRequests()[0]?.requestBody).get('refresh_token') ?? ''
    expect(spent).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const replay = await fetch(`${flow.issuer.url}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: spent }) })
    expect(replay.status).toBe(400)
    expect(((await replay.json()) as { code: string }).code).toBe('refresh_token_invalid')
    const r = await runCli('top-up', '--force')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^error \[refresh_token_invalid\]: /)
    expect(await held()).toBe(20)
  })

  it('a revoked person gets no new batch (refresh_denied), nothing added', async () => {
    const person = { ...flowPerson(), national_id: generateResidentId({ birthdate: '1975-06-30' }) }
    const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, person)
    process.env.WALLET_DIR = join(flow.root, 'wallet-revoked')
    expect((await runCli('accept', e.credential_offer_uri, '--tx-code', e.tx_code)).code).toBe(0)
    expect(await held()).toBe(10)
    const revoked = await fetch(`${flow.issuer.url}/admin/persons/${e.person_id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' })
    expect(revoked.status).toBe(200)
    const r = await runCli('top-up', '--force')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^error \[refresh_denied\]: /)
    expect(await held()).toBe(10)
  })
})
