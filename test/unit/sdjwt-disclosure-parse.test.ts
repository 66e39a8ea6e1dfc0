// parseDisclosure takes a well-formed disclosure array as it is and leaves every other JSON value to zod
// (disclosureSchema): for any base64url JSON both give the same parsed disclosure or the same error code (fast-check parity).
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { assertSameOutcomes } from '../support/eid-outcome.ts'
import { sha256B64u } from '../../shared/sdjwt/index.ts'
import { FORBIDDEN_CLAIM_NAMES, disclosureSchema, parseDisclosure } from '../../shared/sdjwt/disclosure.ts'

const encode = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url')

/** parseDisclosure as it was: every decoded value through disclosureSchema. */
function zodOnly(raw: string): unknown {
  const parsed = disclosureSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
  if (!parsed.success) throw new EidError('invalid_disclosure', 'disclosure must be [salt, name, value] or [salt, value]')
  const d = parsed.data
  if (d.length === 3) {
    if (FORBIDDEN_CLAIM_NAMES.has(d[1])) throw new EidError('invalid_claim_name', 'disclosure claim name must not be _sd or ...')
    return { raw, digest: sha256B64u(raw), salt: d[0], name: d[1], value: d[2] }
  }
  return { raw, digest: sha256B64u(raw), salt: d[0], name: undefined, value: d[1] }
}

const element = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('_sd', '...', 'given_name'), fc.integer(), fc.boolean(), fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }))
const decoded = fc.oneof(
  { weight: 4, arbitrary: fc.array(element, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
)

describe('disclosure parsing', () => {
  it('gives zod\'s answer for any JSON value: the same disclosure or the same code', () => {
    assertSameOutcomes(decoded.map(encode), parseDisclosure, zodOnly, { numRuns: 3000, reached: ['invalid_claim_name', 'invalid_disclosure', 'ok'] })
  })
})
