import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { EidError, ERROR_CODES, parseInput, toErrorResponse } from '../../shared/errors/index.ts'

describe('shared/errors', () => {
  it('maps an EidError through its code', () => {
    const r = toErrorResponse(new EidError('rate_limited', 'slow down'))
    expect(r.status).toBe(429)
    expect(r.body).toMatchObject({ error: 'slow_down', code: 'rate_limited' })
  })

  it('maps body-parser failures to 4xx and anything else to a generic 500', () => {
    expect(toErrorResponse({ type: 'entity.parse.failed', status: 400 }).body.code).toBe('malformed_json')
    expect(toErrorResponse({ type: 'entity.too.large', status: 413 }).status).toBe(413)
    const internal = toErrorResponse(new Error('secret 119900199003079011'))
    expect(internal.status).toBe(500)
    expect(JSON.stringify(internal.body)).not.toContain('1101')
  })

  it('every code maps to a 4xx/5xx status and an OAuth error', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(info.status, code).toBeGreaterThanOrEqual(400)
      expect(info.oauth, code).toMatch(/^[a-z_]+$/)
    }
  })

  it('parseInput names the field, never the value', () => {
    const schema = z.strictObject({ national_id: z.string().max(18) })
    try {
      parseInput(schema, { national_id: 'X'.repeat(40) + 'SECRET' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(EidError)
      expect((e as EidError).code).toBe('invalid_request')
      expect((e as EidError).message).toContain('national_id')
      expect((e as EidError).message).not.toContain('SECRET')
    }
  })
})
