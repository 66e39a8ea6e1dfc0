// Fuzz: arbitrary direct_post bodies and RP API bodies give a 4xx with a stable code, never a 5xx, and never touch a session.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isErrorCode } from '../../shared/errors/index.ts'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness
let id: string
let state: string

beforeAll(async () => {
  h = await startVerifierHarness()
  const created = await h.createPresentation({ preset: 'age_over_18' })
  id = created.json.id as string
  state = (await h.fetchRequest(created.json)).state
})
afterAll(() => h.close())

const value = fc.oneof(fc.string({ maxLength: 64 }), fc.json({ maxDepth: 3 }), fc.constant('{"pid":["a~b~"]}'), fc.constant('{"pid":"x"}'))

describe('fuzz: direct_post', () => {
  it('answers every form body with a 4xx and a known code; the session stays pending', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('vp_token', 'state', 'error', 'error_description', 'x'), value), async (form) => {
      // Never the real state: a malformed body must not be able to consume the session.
      if (form.state === state) delete form.state
      const r = await h.post(form)
      if (r.status === 200) {
        expect(form.error).toBeDefined()
        return
      }
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expect(isErrorCode(r.json.code)).toBe(true)
    }), { numRuns: 60 })
    expect((await h.result(id)).json).toEqual({ status: 'pending' })
  })

  it('answers every RP body with 201 or a 4xx and a known code', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.json({ maxDepth: 4 }).map((s) => JSON.parse(s) as unknown), fc.record({ preset: fc.string(), dcql_query: fc.object() }, { requiredKeys: [] })), async (body) => {
      const r = await h.createPresentation(body)
      expect(r.status === 201 || (r.status >= 400 && r.status < 500)).toBe(true)
      if (r.status !== 201) expect(isErrorCode(r.json.code)).toBe(true)
    }), { numRuns: 60 })
  })
})
