// verifier/openapi.json: a valid OpenAPI 3.1 document (checked against the official 3.1 JSON schema), served at
// GET /openapi.json with this verifier as its server and as a readable page at GET /docs; every documented operation
// exists on the app (no 404 not_found for it).
import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

const doc = JSON.parse(readFileSync(new URL('../../verifier/openapi.json', import.meta.url), 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> }
let h: VerifierHarness

beforeAll(async () => {
  h = await startVerifierHarness()
})
afterAll(() => h.close())

describe('verifier OpenAPI document', () => {
  it('is OpenAPI 3.1', () => expect(doc.openapi).toBe('3.1.0'))
  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator()
    expect(await validator.validate(doc)).toEqual({ valid: true })
    expect(validator.version).toBe('3.1')
  })
  it('the validator rejects a broken document (the check can fail)', async () => {
    const broken = { ...doc, info: { title: 'no version' } }
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })
  it('is served at GET /openapi.json with this verifier as its server, still valid', async () => {
    const res = await fetch(`${h.baseUrl}/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const served = (await res.json()) as Record<string, unknown>
    expect(served.servers).toEqual([{ url: h.baseUrl }])
    expect({ ...served, servers: undefined }).toEqual({ ...doc, servers: undefined })
    expect(await new Validator().validate(served)).toEqual({ valid: true })
  })
  it('has a readable page at GET /docs naming every operation, without scripts', async () => {
    const res = await fetch(`${h.baseUrl}/docs`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).not.toContain('<script')
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) expect(html).toContain(`${m.toUpperCase()}</span> <code>${path}</code>`)
    }
  })
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ path, method: m.toUpperCase() })))
  it.each(ops)('$method $path is routed', async ({ path, method }) => {
    const res = await fetch(`${h.baseUrl}${path.replace('{id}', 'some-id')}`, { method, headers: { authorization: `Bearer ${h.apiKey}` } })
    const text = await res.text()
    if (res.status === 404) expect((JSON.parse(text) as { code?: string }).code).not.toBe('not_found')
  })
})
