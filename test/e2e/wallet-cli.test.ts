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
    const r = await run('present', (await verifier.createRequest(shop)).uri, '--yes', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Wine Shop asks for your data\n')
    expect(r.out).toContain('\n  Purpose: Wine Shop checks your age\n')
    // the claim by its name and its value as a person reads it, not the raw key and JSON
    expect(r.out).toContain('\n    - Age over 18: Yes\n')
    expect(r.out).not.toContain('age_over_18')
    expect(r.out).toContain('Sent to Wine Shop: Age over 18.')
  })

  it('present --decline tells the service access_denied', async () => {
    const r = await run('present', (await verifier.createRequest(shop)).uri, '--decline', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Wine Shop was told you declined. Nothing was disclosed.')
    expect(verifier.responses.at(-1)?.body.error).toBe('access_denied')
  })

  it('history lists what went to whom', async () => {
    const r = await run('history', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/ {2}Sent {2}Wine Shop \(x509_hash:/)
    expect(r.out).toContain('\n    Sent: Age over 18\n')
    expect(r.out).toMatch(/ {2}Declined {2}Wine Shop/)
    expect(r.out).not.toContain('age_over_18')
  })

  it('a refusal exits 1 with its code on stderr', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: ['national_id'] }] }] }
    const r = await run('present', (await verifier.createRequest(shop, { dcql })).uri, '--yes')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^error \[claim_not_registered\]: claim national_id is not in the registration certificate/)
    expect(r.err).not.toContain(PERSON.national_id)
    const h = await run('history', '--lang', 'en')
    expect(h.out).toMatch(/ {2}Refused {2}Wine Shop \(x509_hash:[^)]*\)\n {4}Purpose: Wine Shop checks your age\n {4}Asked for: National id\n {4}Why refused: The service asked for data the registrar does not allow it to ask for\. The wallet refused the request and sent nothing\. \(claim_not_registered\)\n/)
  })

  it('present and history in Chinese: --lang zh-CN, or LANG naming Chinese', async () => {
    const r = await run('present', (await verifier.createRequest(shop)).uri, '--yes', '--lang', 'zh-CN')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Wine Shop 请求您的信息\n')
    expect(r.out).toContain('\n  用途：Wine Shop checks your age\n')
    expect(r.out).toMatch(/\n {4}- .+：是\n/)
    expect(r.out).toMatch(/已发送给 Wine Shop：.+。/)
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL }
    Object.assign(process.env, { LANG: 'zh_CN.UTF-8', LC_ALL: '' })
    try {
      const h = await run('history')
      expect(h.code).toBe(0)
      expect(h.out).toMatch(/ {2}已发送 {2}Wine Shop \(x509_hash:/)
      expect(h.out).toContain('\n    用途：Wine Shop checks your age\n')
      expect(h.out).toMatch(/ {2}已拒绝 {2}Wine Shop/)
    } finally {
      Object.assign(process.env, saved)
      if (saved.LANG === undefined) delete process.env.LANG
      if (saved.LC_ALL === undefined) delete process.env.LC_ALL
    }
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
