// shared/pid: claims derived from an enrollment record and the day, across the 18th-birthday boundary; the disclosure frame.
import { describe, expect, it } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { derivePidClaims, pidDisclosureFrame } from '../../shared/pid/index.ts'

const id = generateResidentId({ birthdate: '2008-03-01', sex: 'male', provinceCode: '44' })
const record = { nationalId: id, familyName: 'Li', givenName: 'Na' }

describe('derivePidClaims', () => {
  it('is 17 the day before the 18th birthday and 18 on it', () => {
    expect(derivePidClaims(record, '2026-02-28').age_over_18).toBe(false)
    expect(derivePidClaims(record, '2026-03-01').age_over_18).toBe(true)
  })

  it('derives birthdate, birth year, sex, region and every age threshold', () => {
    const c = derivePidClaims(record, '2026-03-01')
    expect(c).toMatchObject({ birthdate: '2008-03-01', birth_year: 2008, sex: 1, nationality: 'CN', national_id: id })
    expect(c.region.code).toBe('44')
    expect(c.region.name.length).toBeGreaterThan(0)
    expect([c.age_over_14, c.age_over_16, c.age_over_18, c.age_over_21, c.age_over_60, c.age_over_65]).toEqual([true, true, true, false, false, false])
    expect(c).not.toHaveProperty('address')
  })

  it('rejects a number invalid on that day with invalid_national_id', () => {
    expect(() => derivePidClaims(record, '2008-02-28')).toThrow(expect.objectContaining({ code: 'invalid_national_id' }))
  })

  it('makes every claim disclosable, the address members too, with decoys', () => {
    const c = derivePidClaims({ ...record, address: { city: 'Guangzhou' } }, '2026-03-01')
    const f = pidDisclosureFrame(c)
    expect(f._sd).toEqual(Object.keys(c))
    expect(f._decoys).toBeGreaterThan(0)
    expect(f.address).toEqual({ _sd: ['city'], _decoys: expect.any(Number) })
  })
})
