import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { ageOn, checkCharacter, generateResidentId, parseResidentId } from '../../shared/cnid/index.ts'

const TODAY = '2026-11-23'
const digitString = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })

describe('shared/cnid properties', () => {
  it('any input gives a value or an invalid_national_id EidError with a fixed message', () => {
    const messages = new Set<string>()
    const input = fc.oneof(
      fc.string(),
      fc.string({ minLength: 18, maxLength: 18 }),
      digitString(18),
      digitString(17).map((b) => b + checkCharacter(b)),
      fc.anything(),
    )
    fc.assert(
      fc.property(input, (s) => {
        try {
          const r = parseResidentId(s, { today: TODAY })
          expect(r.id).toHaveLength(18)
          expect(r.birthdate <= TODAY).toBe(true)
        } catch (e) {
          expect(e).toBeInstanceOf(EidError)
          expect((e as EidError).code).toBe('invalid_national_id')
          messages.add((e as EidError).message)
        }
      }),
      { numRuns: 2000 },
    )
    // One fixed message per rule: nothing of the input can appear in it.
    expect(messages.size).toBeLessThanOrEqual(7)
    for (const m of messages) expect(m).toMatch(/^(type|length|digits|region|date|future|check_character): national ID number [a-z0-9 /]+$/i)
  })

  it('generated numbers parse back to what was asked', () => {
    const opts = fc.record({
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-23T00:00:00Z'), noInvalidDate: true }),
      sex: fc.constantFrom('male' as const, 'female' as const),
      provinceCode: fc.constantFrom('11', '15', '44', '54', '65', '71', '81', '82'),
    })
    fc.assert(
      fc.property(opts, ({ date, sex, provinceCode }) => {
        const birthdate = date.toISOString().slice(0, 10)
        const id = generateResidentId({ birthdate, sex, provinceCode })
        expect(parseResidentId(id, { today: TODAY })).toMatchObject({ birthdate, sex, provinceCode })
      }),
      { numRuns: 500 },
    )
  })

  it('a single changed character is always rejected', () => {
    fc.assert(
      fc.property(fc.nat(17), fc.constantFrom(...'0123456789X'), (pos, c) => {
        const id = generateResidentId({ birthdate: '1990-06-15' })
        fc.pre(id[pos] !== c)
        expect(() => parseResidentId(id.slice(0, pos) + c + id.slice(pos + 1), { today: TODAY })).toThrow(EidError)
      }),
      { numRuns: 300 },
    )
  })

  it('age is monotone in today and never negative', () => {
    const d = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    fc.assert(
      fc.property(d, d, d, (a, b, c) => {
        const [birth, t1, t2] = [a, b, c].map((x) => x.toISOString().slice(0, 10)).sort() as [string, string, string]
        expect(ageOn(birth, t1)).toBeGreaterThanOrEqual(0)
        expect(ageOn(birth, t2)).toBeGreaterThanOrEqual(ageOn(birth, t1))
      }),
      { numRuns: 500 },
    )
  })
})
