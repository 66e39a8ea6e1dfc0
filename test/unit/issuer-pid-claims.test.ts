// shared/pid: claims derived from an enrollment record and the day, across the 18th-birthday boundary; the disclosure frame.
import { describe, expect, it } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { PID_SD_DIGESTS, PID_VCT, derivePidClaims, pidDisclosureFrame } from '../../shared/pid/index.ts'
import type { EnrollmentRecord } from '../../shared/pid/index.ts'
import { decodeSdJwt, issueSdJwt } from '../../shared/sdjwt/index.ts'

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

describe('fixed shape of the PID SD-JWT', () => {
  const people: EnrollmentRecord[] = [
    record,
    { ...record, address: { city: 'Guangzhou' } },
    { ...record, address: { province: 'Guangdong', city: 'Guangzhou', street: '1 Zhongshan Rd' } },
    { nationalId: generateResidentId({ birthdate: '1950-12-31', sex: 'female', provinceCode: '11' }), familyName: 'Wang', givenName: 'Fang' },
  ]

  it('carries the same number of _sd digests at the top and in address, whatever the person has on file', async () => {
    const key = await generateSigningKey('ES256')
    const shapes = await Promise.all(people.map(async (p) => {
      const claims = derivePidClaims(p, '2026-03-01')
      const token = await issueSdJwt({ payload: { iss: 'https://issuer.example', iat: 1, exp: 2, vct: PID_VCT, ...claims }, frame: pidDisclosureFrame(claims), signer: { alg: 'ES256', privateKey: key.privateKey } })
      const d = decodeSdJwt(token)
      const address = d.disclosures.find((x) => x.name === 'address')?.value as { _sd?: string[] } | undefined
      return { top: (d.payload._sd as string[]).length, address: address?._sd?.length }
    }))
    expect(shapes.map((s) => s.top)).toEqual(people.map(() => PID_SD_DIGESTS.top))
    expect(shapes.map((s) => s.address)).toEqual([undefined, PID_SD_DIGESTS.address, PID_SD_DIGESTS.address, undefined])
  })
})
