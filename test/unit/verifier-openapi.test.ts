// verifier/openapi.json: valid JSON, and every documented operation exists on the app (no 404 not_found for it).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../../verifier/testing/index.ts'
import type { VerifierHarness } from '../../verifier/testing/index.ts'

const doc = JSON.parse(readFileSync(new URL('../../verifier/openapi.json', import.meta.url), 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> }
let h: VerifierHarness

beforeAll(async () => {
  h = await startVerifierHarness()
})
afterAll(() => h.close())

describe('verifier OpenAPI document', () => {
  it('is OpenAPI 3.1', () => expect(doc.openapi).toBe('3.1.0'))
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ path, method: m.toUpperCase() })))
  it.each(ops)('$method $path is routed', async ({ path, method }) => {
    const res = await fetch(`${h.baseUrl}${path.replace('{id}', 'some-id')}`, { method, headers: { authorization: `Bearer ${h.apiKey}` } })
    const body = (await res.json()) as { code?: string }
    expect(body.code).not.toBe('not_found')
  })
})
