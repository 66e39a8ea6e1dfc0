// Synthetic GB 11643-1999 numbers for demos and tests, from code ranges no real person holds.
import { randomInt } from 'node:crypto'
import { EidError } from '../errors/index.ts'
import { daysInMonth, formatIsoDate, splitIsoDate } from './calendar-date.ts'
import { checkCharacter } from './check-character.ts'
import { PROVINCES, findProvince } from './provinces.ts'

/**
 * Synthetic numbers use the prefecture code `99` under the chosen province (region `PP9900`): GB/T 2260
 * assigns no prefecture-level division the code 99, so no issuing authority, hence no real person,
 * has such a region code. The sequence code is also kept in 900-999 as a second marker. The numbers
 * are otherwise fully valid (province, calendar date, check character) and pass `parseResidentId`.
 */
export const SYNTHETIC_PREFECTURE = '99'
export const SYNTHETIC_SEQUENCE_MIN = 900

/** Default birthdate range of generated numbers (inclusive). */
const DEFAULT_YEARS = { from: 1950, to: 2005 } as const

export interface GenerateOptions {
  /** `YYYY-MM-DD`; random in 1950-2005 when absent. */
  birthdate?: string
  sex?: 'male' | 'female'
  /** Two-digit GB/T 2260 province code; random when absent. */
  provinceCode?: string
  /** Uniform in [0, 1) like Math.random; a CSPRNG when absent. Pass a seeded one for reproducible tests. */
  random?: () => number
}

/** A valid synthetic resident ID number (see {@link SYNTHETIC_PREFECTURE}). Throws `invalid_request` on bad options. */
export function generateResidentId(opts: GenerateOptions = {}): string {
  const pick = (n: number): number => {
    if (!opts.random) return randomInt(n)
    const r = opts.random()
    if (!(r >= 0 && r < 1)) throw new EidError('invalid_request', 'random must return a number in [0, 1)')
    return Math.floor(r * n)
  }
  const codes = Object.keys(PROVINCES)
  const province = opts.provinceCode ?? codes[pick(codes.length)]
  if (province === undefined || !findProvince(province)) {
    throw new EidError('invalid_request', 'provinceCode is not a GB/T 2260 province code')
  }
  const birth = opts.birthdate === undefined ? randomBirthdate(pick) : splitIsoDate(opts.birthdate)
  if (!birth || birth.y < 1800) throw new EidError('invalid_request', 'birthdate must be a calendar date YYYY-MM-DD from 1800')
  if (opts.sex !== undefined && opts.sex !== 'male' && opts.sex !== 'female') {
    throw new EidError('invalid_request', 'sex must be male or female')
  }
  const sex = opts.sex ?? (pick(2) === 0 ? 'male' : 'female')
  // 900-999: 50 odd (male) and 50 even (female) sequence codes.
  const sequence = SYNTHETIC_SEQUENCE_MIN + 2 * pick(50) + (sex === 'male' ? 1 : 0)
  const body = `${province}${SYNTHETIC_PREFECTURE}00${formatIsoDate(birth.y, birth.m, birth.d).replaceAll('-', '')}${sequence}`
  return body + checkCharacter(body)
}

/** True when `id` carries the synthetic region marker (prefecture code 99). */
export function isSyntheticResidentId(id: string): boolean {
  return typeof id === 'string' && id.slice(2, 4) === SYNTHETIC_PREFECTURE
}

function randomBirthdate(pick: (n: number) => number): { y: number; m: number; d: number } {
  const y = DEFAULT_YEARS.from + pick(DEFAULT_YEARS.to - DEFAULT_YEARS.from + 1)
  const m = 1 + pick(12)
  const d = 1 + pick(daysInMonth(y, m))
  return { y, m, d }
}
