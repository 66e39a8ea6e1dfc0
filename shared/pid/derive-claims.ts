// PID claims derived from an enrollment record and the issuance day (ID number rules: GB 11643-1999 via shared/cnid).
import { ageOn, parseResidentId } from '../cnid/index.ts'
import { AGE_THRESHOLDS } from './vct.ts'

/** Postal address as enrolled; every member optional. */
export interface PidAddress {
  province?: string
  city?: string
  street?: string
}

/** What the registration desk records about a person (the only place the ID number lives). */
export interface EnrollmentRecord {
  nationalId: string
  familyName: string
  givenName: string
  address?: PidAddress
}

/** The PID credential's subject claims. `sex` is ISO/IEC 5218 (1 male, 2 female), as in the EU PID rulebook. */
export interface PidClaims {
  given_name: string
  family_name: string
  birthdate: string
  birth_year: number
  sex: 1 | 2
  nationality: string
  address?: PidAddress
  region: { code: string; name: string }
  age_over_14: boolean
  age_over_16: boolean
  age_over_18: boolean
  age_over_21: boolean
  age_over_60: boolean
  age_over_65: boolean
  national_id: string
}

/**
 * Derives the claims of a PID credential issued on `today` (`YYYY-MM-DD`, the ID number's calendar):
 * birthdate, birth year, sex and region from the ID number, `age_over_N` from the age on `today`.
 * Throws EidError `invalid_national_id` when the number is not valid on that day.
 */
export function derivePidClaims(record: EnrollmentRecord, today: string): PidClaims {
  const id = parseResidentId(record.nationalId, { today })
  const age = ageOn(id.birthdate, today)
  const over = Object.fromEntries(AGE_THRESHOLDS.map((n) => [`age_over_${n}`, age >= n])) as Record<`age_over_${(typeof AGE_THRESHOLDS)[number]}`, boolean>
  const address = compactAddress(record.address)
  return {
    given_name: record.givenName,
    family_name: record.familyName,
    birthdate: id.birthdate,
    birth_year: Number(id.birthdate.slice(0, 4)),
    sex: id.sex === 'male' ? 1 : 2,
    nationality: 'CN',
    ...(address ? { address } : {}),
    region: { code: id.provinceCode, name: id.provinceName },
    ...over,
    national_id: id.id,
  }
}

function compactAddress(a: PidAddress | undefined): PidAddress | undefined {
  if (!a) return undefined
  const out: PidAddress = {}
  if (a.province !== undefined) out.province = a.province
  if (a.city !== undefined) out.city = a.city
  if (a.street !== undefined) out.street = a.street
  return Object.keys(out).length > 0 ? out : undefined
}
