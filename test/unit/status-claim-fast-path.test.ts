// parseStatusClaim decides a valid status claim without zod (its URI parsed once per distinct URI) and leaves anything
// else to its zod shape: for any value both give the same reference or the same error (code and message) (fast-check parity).
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { assertSameOutcomes } from '../support/eid-outcome.ts'
import { parseStatusClaim } from '../../shared/status-list/index.ts'
import { MAX_STATUS_URI_LENGTH, StatusClaim } from '../../shared/status-list/status-claim.ts'

/** parseStatusClaim as it was: zod, then the absolute-URI check, for every call. */
function zodOnly(status: unknown): unknown {
  const parsed = StatusClaim.safeParse(status)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? ''
    throw new EidError('status_claim_invalid', `status claim ${path ? `member ${path} ` : ''}is missing or malformed`)
  }
  const { idx, uri } = parsed.data.status_list
  if (!URL.canParse(uri) || /\s/.test(uri)) throw new EidError('status_claim_invalid', 'status claim uri is not an absolute URI')
  return { idx, uri }
}

const uri = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('https://issuer.example/status-lists/1', 'http://127.0.0.1:4001/s/2', 'urn:x', `https://e.example/${'a'.repeat(MAX_STATUS_URI_LENGTH - 18)}`) },
  { weight: 2, arbitrary: fc.webUrl() },
  { weight: 2, arbitrary: fc.constantFrom('', 'relative/path', 'https://e.example/a b', 'https://e.example/\t', `https://e.example/${'a'.repeat(MAX_STATUS_URI_LENGTH)}`, 7, null) },
)
const idx = fc.oneof(
  { weight: 5, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -0, Number.NaN, Infinity, '3', null) },
)
const statusList = fc.oneof(
  { weight: 6, arbitrary: fc.record({ idx, uri, extra: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(null, [], 'x', 1) },
)
const status = fc.oneof(
  { weight: 6, arbitrary: fc.record({ status_list: statusList, other: fc.option(fc.integer(), { nil: undefined }) }, { requiredKeys: ['status_list'] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], 'x', {}) },
)

describe('status claim parsing without zod for valid claims', () => {
  it('gives the zod path\'s answer for any value, the first time and again (URI remembered)', () => {
    assertSameOutcomes(status, parseStatusClaim, zodOnly, { numRuns: 2000, reached: ['ok', 'status_claim_invalid'], calls: 2 })
  })
})
