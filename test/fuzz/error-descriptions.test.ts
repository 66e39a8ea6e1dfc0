// error_description is a fixed text per code (shared/errors/descriptions.ts): no input ever reaches it. A claim name an
// issuer signed (markup, CRLF, 4 KB) is presented to the verifier over HTTP and appears in no response, nor in the result.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, EidError, describeCode, toErrorResponse } from '../../shared/errors/index.ts'
import type { ErrorCode } from '../../shared/errors/index.ts'
import { SAMPLE_PID_CLAIMS, startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

const CODES = Object.keys(ERROR_CODES) as ErrorCode[]

describe('error_description: a fixed text per code', () => {
  it('every code has a non-empty description', () => {
    for (const c of CODES) expect(describeCode(c).length, c).toBeGreaterThan(0)
  })
  it('the response body of any code with any message and any cause holds none of the input', () => {
    fc.assert(fc.property(fc.constantFrom(...CODES), fc.string({ minLength: 6, maxLength: 200 }), (code, input) => {
      const marker = `Qz${input}`
      const { body } = toErrorResponse(new EidError(code, `claim ${marker} is wrong`, { cause: new Error(marker) }))
      expect(body.error_description).toBe(describeCode(code))
      expect(JSON.stringify(body)).not.toContain(JSON.stringify(marker).slice(1, -1))
    }), { numRuns: 300 })
  })
})

let h: VerifierHarness
let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'error-descriptions-'))
  h = await startVerifierHarness({ dataDir })
})
afterAll(async () => {
  await h.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Claim names an attacker-controlled (but trusted) issuer might sign: markup, CRLF, long, unicode. */
const hostileName = fc.oneof(
  fc.constantFrom('<script>alert(1)</script>', 'x\r\nSet-Cookie: a=b', `Qz${'A'.repeat(4096)}`, '"};alert(1);//', 'Qz\u202Eevil'),
  fc.string({ minLength: 1, maxLength: 64 }).map((s) => `Qz<${s}>\r\n`),
)

describe('verifier: a fuzzed issuer-signed claim name appears in no response', () => {
  it('presented beyond the request (over_disclosure), it is neither in the direct_post answer nor in the result', async () => {
    await fc.assert(fc.asyncProperty(hostileName, async (name) => {
      const created = await h.createPresentation({ preset: 'age_over_18' })
      const req = await h.fetchRequest(created.json)
      const sdJwt = await h.credential({ ...SAMPLE_PID_CLAIMS, [name]: 'v' })
      const vp = await h.present(sdJwt, 'all', req)
      const res = await fetch(`${h.baseUrl}/responses`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ vp_token: JSON.stringify({ pid: [vp] }), state: req.state }).toString(),
      })
      const text = await res.text()
      expect(res.status).toBe(400)
      expect(JSON.parse(text)).toMatchObject({ code: 'over_disclosure', error_description: describeCode('over_disclosure') })
      const result = await h.result(created.json.id as string)
      expect(result.json).toEqual({ status: 'rejected', error: 'over_disclosure' })
      for (const body of [text, JSON.stringify(result.json)]) {
        expect(body).not.toContain(name)
        expect(body).not.toContain(JSON.stringify(name).slice(1, -1))
      }
    }), { numRuns: 12 })
  })
})
