// The wallet CLI (commander) in-process with env configuration: accept, list, present --yes/--decline, history, refusals' exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli as run, startCliTestbed } from './wallet-cli-run.ts'
import type { CliTestbed } from './wallet-cli-run.ts'
import { PERSON } from './wallet-fixtures.ts'

let t: CliTestbed
let issuer: CliTestbed['issuer']
let verifier: CliTestbed['verifier']
let shop: CliTestbed['shop']
let w: CliTestbed['w']

beforeAll(async () => {
  t = await startCliTestbed({}, { name: 'Wine Shop', allowedClaims: [['age_over_18']] })
  ;({ issuer, verifier, shop, w } = t)
})

afterAll(() => t.close())

describe('wallet CLI', () => {
  it('accept --tx-code stores the batch', async () => {
    const r = await run('accept', issuer.offer(), '--tx-code', '123456')
    expect(r).toMatchObject({ code: 0, err: '' })
    expect(r.out).toMatch(/^Accepted 10 copies of Credential \(SD-JWT\) from 127\.0\.0\.1:\d+, valid until \d+ \w+ 20\d\d\.\n$/)
  })

  it('list shows one entry per batch with its claims, validity and status', async () => {
    const r = await run('list', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^- Credential \(SD-JWT\) {2}\[Valid\] {2}10 of 10 copies unused, Valid until \d+ \w+ 20\d\d\n/)
    expect(r.out).toContain(`    Given name: ${PERSON.given_name}\n`)
    expect(r.out).toContain('    Shown to: Nobody yet\n')
    const json = JSON.parse((await run('list', '--json')).out) as unknown[]
    expect(json).toHaveLength(10)
  })

  it('present --yes shows the consent text and sends only the asked claim', async () => {
    const r = await run('present', (await verifier.createRequest(shop)).uri, '--yes')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Wine Shop asks for your data.')
    expect(r.out).toContain('Purpose:   Wine Shop checks your age')
    expect(r.out).toContain('- age_over_18: true')
    expect(r.out).toContain('Sent to Wine Shop: age_over_18.')
  })

  it('present --decline tells the service access_denied', async () => {
    const r = await run('present', (await verifier.createRequest(shop)).uri, '--decline')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Declined.')
    expect(verifier.responses.at(-1)?.body.error).toBe('access_denied')
  })

  it('history lists what went to whom', async () => {
    const r = await run('history')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/sent\s+Wine Shop \(x509_hash:/)
    expect(r.out).toContain('disclosed: age_over_18')
    expect(r.out).toMatch(/declined\s+Wine Shop/)
  })

  it('a refusal exits 1 with its code on stderr', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: ['national_id'] }] }] }
    const r = await run('present', (await verifier.createRequest(shop, { dcql })).uri, '--yes')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^error \[claim_not_registered\]: claim national_id is not in the registration certificate/)
    expect(r.err).not.toContain(PERSON.national_id)
    const h = await run('history')
    expect(h.out).toMatch(/refused\s+Wine Shop \(x509_hash:[^)]*\)\n {4}purpose: Wine Shop checks your age\n {4}refused: claim_not_registered; nothing was sent\n {4}asked for: national_id\n/)
  })

  it('without --yes or --decline and no terminal, present asks for a flag (exit 2) and sends nothing', async () => {
    const before = verifier.responses.length
    const r = await run('present', (await verifier.createRequest(shop)).uri)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--yes or --decline/)
    expect(verifier.responses.length).toBe(before)
  })

  it('a wrong passphrase exits 1 with wallet_passphrase_wrong', async () => {
    process.env.WALLET_PASSPHRASE = 'not the passphrase'
    try {
      const r = await run('list')
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/error \[wallet_passphrase_wrong\]/)
    } finally {
      process.env.WALLET_PASSPHRASE = w.config.passphrase
    }
  })
})
