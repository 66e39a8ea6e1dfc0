// Terminal safety of the CLI (issue 14): ANSI, control and bidi characters from an issuer (claim names, values) and a
// service (name, purpose, error description) are printed escaped by list, present, history and errors; exact bytes asserted.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli as run, startCliTestbed } from './wallet-cli-run.ts'
import type { CliTestbed } from './wallet-cli-run.ts'

const CLEAR = '\u001b[2J\u001b[H'
const HOSTILE_NAME = `\u001b[31mred${CLEAR}`
const PERSON = { [HOSTILE_NAME]: `fake${CLEAR}line\r\n`, rtl: 'abc\u202edcba', age_over_18: true }
/** Any raw ESC, C1 control, CR or bidi override in the output would be a failure. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u001b\u009b\r\u202a-\u202e\u2066-\u2069]/

let t: CliTestbed
let issuer: CliTestbed['issuer']
let verifier: CliTestbed['verifier']
let shop: CliTestbed['shop']
let w: CliTestbed['w']

beforeAll(async () => {
  t = await startCliTestbed({ batchSize: 2, person: PERSON }, { name: `Shop${CLEAR}\u202eevil`, purpose: `Age\u001b]8;;http://x\u0007 check`, allowedClaims: [[HOSTILE_NAME], ['age_over_18']] })
  ;({ issuer, verifier, shop, w } = t)
  expect((await run('accept', issuer.offer(), '--tx-code', '123456')).code).toBe(0)
})

afterAll(() => t.close())

describe('wallet CLI prints outside text escaped', () => {
  it('list: claim names and values', async () => {
    const r = await run('list', '--no-status', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).not.toMatch(RAW)
    expect(r.out).toContain('    \\x1b[31mred\\x1b[2J\\x1b[H: fake\\x1b[2J\\x1b[Hline\\x0d\\x0a\n')
    expect(r.out).toContain('    Rtl: abc\\u202edcba\n')
  })

  it('list --json: still JSON, bidi escaped', async () => {
    const r = await run('list', '--no-status', '--json')
    expect(r.out).not.toMatch(RAW)
    expect(r.out).toContain('"rtl": "abc\\u202edcba"')
    expect(JSON.stringify(JSON.parse(r.out))).toContain('\u202e')
  })

  it('present: service name, purpose and claims', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: [HOSTILE_NAME] }] }] }
    const r = await run('present', (await verifier.createRequest(shop, { dcql })).uri, '--yes', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).not.toMatch(RAW)
    expect(r.out).toContain('Shop\\x1b[2J\\x1b[H\\u202eevil asks for your data\n')
    expect(r.out).toContain('  Purpose: Age\\x1b]8;;http://x\\x07 check\n')
    expect(r.out).toContain('    - \\x1b[31mred\\x1b[2J\\x1b[H: fake\\x1b[2J\\x1b[Hline\\x0d\\x0a\n')
    expect(r.out).toContain('Sent to Shop\\x1b[2J\\x1b[H\\u202eevil: \\x1b[31mred\\x1b[2J\\x1b[H.\n')
  })

  it('history: service name, purpose and claim names', async () => {
    const r = await run('history', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).not.toMatch(RAW)
    expect(r.out).toContain('Shop\\x1b[2J\\x1b[H\\u202eevil (x509_hash:')
    expect(r.out).toContain('    Purpose: Age\\x1b]8;;http://x\\x07 check\n')
    expect(r.out).toContain('    Sent: \\x1b[31mred\\x1b[2J\\x1b[H\n')
  })

  it("errors: a service's error_description", async () => {
    verifier.reject.error = 'invalid_request'
    verifier.reject.description = `no${CLEAR}\u202e`
    try {
      const r = await run('present', (await verifier.createRequest(shop)).uri, '--yes')
      expect(r.code).toBe(1)
      expect(r.err).not.toMatch(RAW)
      // shared/oid4vci's describeErrorResponse already replaces anything outside printable ASCII by '?'.
      expect(r.err).toBe('error [presentation_not_accepted]: the service refused the response: HTTP 400 invalid_request: no?[2J?[H?\n')
    } finally {
      delete verifier.reject.error
      delete verifier.reject.description
    }
  })

  it('import-nym: the issuers named in a backup file', async () => {
    const file = join(w.dir, 'hostile-nyms.json')
    await writeFile(file, JSON.stringify({ version: 1, prover_nyms: { [`https://nyms.example/${CLEAR}\u202eevil`]: 'A'.repeat(43) } }))
    const r = await run('import-nym', file)
    expect(r.code).toBe(0)
    expect(r.out).not.toMatch(RAW)
    expect(r.out).toContain('https://nyms.example/\\x1b[2J\\x1b[H\\u202eevil.\n')
  })
})
