import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import {
  PROVINCES,
  ageOn,
  checkCharacter,
  generateResidentId,
  isSyntheticResidentId,
  isValidResidentId,
  parseResidentId,
  todayInChina,
} from '../../shared/cnid/index.ts'

const TODAY = '2026-11-23'

/** Replaces the check character of a 17-digit body with the correct one. */
const withCheck = (body: string): string => body + checkCharacter(body)

function ruleOf(input: unknown, today = TODAY): string {
  try {
    parseResidentId(input, { today })
  } catch (e) {
    expect(e).toBeInstanceOf(EidError)
    const err = e as EidError
    expect(err.code).toBe('invalid_national_id')
    if (typeof input === 'string' && input.length >= 6) expect(err.message).not.toContain(input.slice(0, 6))
    return err.details?.rule as string
  }
  throw new Error('expected a rejection')
}

describe('shared/cnid parseResidentId', () => {
  it('accepts the examples of GB 11643-1999 and derives the facts', () => {
    expect(parseResidentId('11010519491231002X', { today: TODAY })).toEqual({
      id: '11010519491231002X',
      regionCode: '110105',
      provinceCode: '11',
      provinceName: '北京市',
      provinceNameEn: 'Beijing',
      birthdate: '1949-12-31',
      sex: 'female',
    })
    const r = parseResidentId('440524188001010014', { today: TODAY })
    expect(r).toMatchObject({ provinceCode: '44', provinceNameEn: 'Guangdong', birthdate: '1880-01-01', sex: 'male' })
  })

  it('normalises a lower-case x check character', () => {
    expect(parseResidentId('11010519491231002x', { today: TODAY }).id).toBe('11010519491231002X')
  })

  it('has all 34 province-level divisions with Chinese and English names', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34)
    for (const p of Object.values(PROVINCES)) {
      expect(p.code).toMatch(/^[1-8]\d$/)
      expect(p.name).toMatch(/[\u4e00-\u9fff]/)
      expect(p.nameEn).toMatch(/^[A-Z]/)
    }
  })

  it('rejects a non-string (type)', () => {
    expect(ruleOf(110105194912310020)).toBe('type')
    expect(ruleOf(undefined)).toBe('type')
  })
  it('rejects a wrong length (length)', () => {
    expect(ruleOf('11010519491231002')).toBe('length')
    expect(ruleOf('11010519491231002X0')).toBe('length')
    expect(ruleOf('')).toBe('length')
  })
  it('rejects non-digits (digits)', () => {
    expect(ruleOf('1101051949123100AX')).toBe('digits')
    expect(ruleOf('X10105194912310020')).toBe('digits')
    expect(ruleOf('11010519491231002Y')).toBe('digits')
    expect(ruleOf('１１0105194912310020')).toBe('digits')
  })
  it('rejects an unknown province (region)', () => {
    expect(ruleOf(withCheck('99010519491231002'))).toBe('region')
    expect(ruleOf(withCheck('00010519491231002'))).toBe('region')
    expect(ruleOf(withCheck('83000019491231002'))).toBe('region')
  })
  it('rejects impossible dates (date)', () => {
    expect(ruleOf(withCheck('11010519490230002'))).toBe('date')
    expect(ruleOf(withCheck('11010519491301002'))).toBe('date')
    expect(ruleOf(withCheck('11010519490000002'))).toBe('date')
    expect(ruleOf(withCheck('11010519000229002'))).toBe('date') // 1900 is not a leap year
    expect(ruleOf(withCheck('11010517991231002'))).toBe('date')
    expect(isValidResidentId(withCheck('11010520000229002'), { today: TODAY })).toBe(true) // 2000 is
  })
  it('rejects a birthdate after today (future)', () => {
    expect(ruleOf(withCheck('11010520261124002'))).toBe('future')
    expect(isValidResidentId(withCheck('11010520261123002'), { today: TODAY })).toBe(true)
  })
  it('rejects a wrong check character (check_character)', () => {
    expect(ruleOf('110105194912310021')).toBe('check_character')
    expect(ruleOf('440524188001010013')).toBe('check_character')
    expect(ruleOf('44052418800101001X')).toBe('check_character')
  })
  it('detects every single-digit substitution and adjacent transposition', () => {
    const id = '11010519491231002X'
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        const c = String(d)
        if (c === id[i]) continue
        expect(isValidResidentId(id.slice(0, i) + c + id.slice(i + 1), { today: TODAY }), `${i}:${c}`).toBe(false)
      }
      if (i < 16 && id[i] !== id[i + 1]) {
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2)
        expect(isValidResidentId(swapped, { today: TODAY })).toBe(false)
      }
    }
  })
  it('rejects a malformed today with invalid_request', () => {
    expect(() => parseResidentId('11010519491231002X', { today: '2026-13-01' })).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    )
  })
  it('defaults today to the date in China (UTC+8)', () => {
    expect(todayInChina(Date.UTC(2026, 0, 1, 15, 59))).toBe('2026-01-01')
    expect(todayInChina(Date.UTC(2026, 0, 1, 16, 0))).toBe('2026-01-02')
  })
})

describe('shared/cnid ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('2008-11-23', '2026-11-23')).toBe(18)
    expect(ageOn('2008-11-24', '2026-11-23')).toBe(17)
    expect(ageOn('2026-11-23', '2026-11-23')).toBe(0)
  })
  it('a 29 February birthday completes a year on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })
  it('rejects malformed dates and today before birth', () => {
    for (const [b, t] of [['2008-02-30', TODAY], ['2008-01-01', '2026/01/01'], ['2027-01-01', TODAY]] as const) {
      expect(() => ageOn(b, t)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    }
  })
})

describe('shared/cnid generateResidentId', () => {
  it('generates valid synthetic numbers with the requested facts', () => {
    const id = generateResidentId({ birthdate: '2000-02-29', sex: 'female', provinceCode: '44' })
    expect(isSyntheticResidentId(id)).toBe(true)
    expect(parseResidentId(id, { today: TODAY })).toMatchObject({
      regionCode: '449900',
      provinceCode: '44',
      birthdate: '2000-02-29',
      sex: 'female',
    })
    expect(Number(id.slice(14, 17))).toBeGreaterThanOrEqual(900)
  })
  it('covers every province and both sexes at random', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const id = generateResidentId()
      const r = parseResidentId(id, { today: TODAY })
      seen.add(`${r.provinceCode}:${r.sex}`)
    }
    expect(seen.size).toBe(68)
  })
  it('is reproducible with a seeded random', () => {
    const seeded = (): (() => number) => {
      let s = 42
      return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    }
    expect(generateResidentId({ random: seeded() })).toBe(generateResidentId({ random: seeded() }))
  })
  it('rejects bad options with invalid_request', () => {
    for (const o of [{ provinceCode: '99' }, { birthdate: '2001-02-29' }, { sex: 'x' as 'male' }, { random: () => 1 }]) {
      expect(() => generateResidentId(o)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    }
  })
  it('real numbers are not marked synthetic', () => {
    expect(isSyntheticResidentId('11010519491231002X')).toBe(false)
  })
})
