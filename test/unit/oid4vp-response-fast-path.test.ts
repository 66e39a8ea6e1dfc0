// parseAuthorizationResponse decides valid direct_post fields and vp_tokens without zod and leaves the rest to its zod
// schemas: for any body both give the same response or the same error (code and message) (fast-check parity).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import { assertSameOutcomes, eidOutcome as outcome } from '../support/eid-outcome.ts'
import { parseAuthorizationResponse } from '../../shared/oid4vp/index.ts'
import { RESPONSE_LIMITS, successSchema, vpTokenSchema } from '../../shared/oid4vp/response.ts'

/** The success branch as it was: zod alone. */
function zodOnly(fields: Record<string, unknown>): unknown {
  const s = parseInput(successSchema, fields, 'authorization_response_invalid', 'response')
  let raw: unknown
  try {
    raw = JSON.parse(s.vp_token)
  } catch {
    throw new EidError('vp_token_invalid', 'vp_token is not JSON')
  }
  return { kind: 'vp_token', vpToken: parseInput(vpTokenSchema, raw, 'vp_token_invalid', 'vp_token'), state: s.state }
}

const queryId = fc.oneof(
  { weight: 5, arbitrary: fc.oneof(fc.constantFrom('pid', '0', '12', 'k'.repeat(128)), fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'k'.repeat(129), 'a b', 'é', '__proto__', 'constructor', 'toString') },
)
const presentation = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('eyJ.a.b~WyJ~', 'x', 'p'.repeat(RESPONSE_LIMITS.maxPresentationBytes)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'p'.repeat(RESPONSE_LIMITS.maxPresentationBytes + 1), 1, null, ['x'], {}) },
)
const list = fc.oneof(
  { weight: 6, arbitrary: fc.array(presentation, { minLength: 1, maxLength: RESPONSE_LIMITS.maxPresentationsPerQuery }) },
  { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.array(presentation, { minLength: 5, maxLength: 6 }), fc.constantFrom('x', null, 1, {})) },
)
const validId = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/)
const validList = fc.array(fc.constantFrom('eyJ.a.b~WyJ~', 'x'), { minLength: 1, maxLength: RESPONSE_LIMITS.maxPresentationsPerQuery })
const asText = (entries: [string, unknown][]): string => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
const vpTokenText = fc.oneof(
  { weight: 4, arbitrary: fc.uniqueArray(fc.tuple(validId, validList), { selector: ([k]) => k, minLength: 0, maxLength: 10 }).map(asText) },
  { weight: 8, arbitrary: fc.uniqueArray(fc.tuple(queryId, list), { selector: ([k]) => k, minLength: 0, maxLength: 10 }).map(asText) },
  { weight: 1, arbitrary: fc.constantFrom('[]', '["x"]', 'null', '"pid"', '1', '{', 'x', '', '{}', '{"pid":["x"]}') },
)
const state = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('state-0123456789', 's', 's'.repeat(512)) }, { weight: 1, arbitrary: fc.constantFrom('', 's'.repeat(513), undefined) })
const fields = fc.record({ vp_token: vpTokenText, state, extra: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }) })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, unknown>)

describe('direct_post response parsing without zod for valid input', () => {
  it('gives zod\'s answer for any success body: the same response or the same error', () => {
    assertSameOutcomes(fields, parseAuthorizationResponse, zodOnly, { numRuns: 1000, reached: ['authorization_response_invalid', 'ok', 'vp_token_invalid'] })
  })

  it('a __proto__ credential query id goes to zod, as before (its record treats it as the prototype)', () => {
    const body = { vp_token: '{"__proto__":["x"],"pid":["y"]}', state: 'state-0123456789' }
    expect(outcome(() => parseAuthorizationResponse(body))).toEqual(outcome(() => zodOnly(body)))
  })
})
