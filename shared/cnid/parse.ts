// GB 11643-1999 citizen identification number: validation and the facts derived from it.
import { EidError } from '../errors/index.ts'
import { isCalendarDate, formatIsoDate, splitIsoDate, todayInChina } from './calendar-date.ts'
import { checkCharacter } from './check-character.ts'
import { findProvince } from './provinces.ts'

/** A validated resident ID number and what it says about its holder. */
export interface ResidentId {
  /** The 18-character number, check character upper-case. */
  id: string
  /** Six-digit GB/T 2260 region code (digits 1-6). */
  regionCode: string
  /** Two-digit province-level code (digits 1-2). */
  provinceCode: string
  /** Official Chinese name of the province-level division. */
  provinceName: string
  /** Pinyin/English name of the province-level division. */
  provinceNameEn: string
  /** Birthdate `YYYY-MM-DD` (digits 7-14). */
  birthdate: string
  /** From the sequence code (digits 15-17): odd male, even female. */
  sex: 'male' | 'female'
}

/** The earliest birthdate accepted (GB 11643-1999's own example is born in 1880). */
export const MIN_BIRTHDATE = '1800-01-01'

const DIGITS_17 = /^\d{17}$/
const CHECK = /^[\dX]$/

/**
 * Parses and validates a resident ID number (GB 11643-1999): 18 characters, 17 digits and a check
 * character (`X` for ten; a lower-case `x` is accepted and normalised), a GB/T 2260 province code,
 * a real birthdate not before {@link MIN_BIRTHDATE} and not after `today`, and the ISO 7064
 * MOD 11-2 check. Throws EidError `invalid_national_id` whose message starts with the failed rule
 * (`type`, `length`, `digits`, `region`, `date`, `future`, `check_character`) and never holds the number.
 *
 * `today` (`YYYY-MM-DD`) should be passed by the caller; when absent, today's date in China
 * Standard Time is used so that the future check is never skipped.
 */
export function parseResidentId(s: unknown, opts: { today?: string } = {}): ResidentId {
  if (typeof s !== 'string') throw invalid('type', 'must be a string')
  if (s.length !== 18) throw invalid('length', 'must be 18 characters')
  const body = s.slice(0, 17)
  const check = s.charAt(17).toUpperCase()
  if (!DIGITS_17.test(body) || !CHECK.test(check)) {
    throw invalid('digits', 'must be 17 digits followed by a digit or X')
  }
  const province = findProvince(body.slice(0, 2))
  if (!province) throw invalid('region', 'province code is not in GB/T 2260')
  const y = Number(body.slice(6, 10))
  const m = Number(body.slice(10, 12))
  const d = Number(body.slice(12, 14))
  const birthdate = formatIsoDate(y, m, d)
  if (!isCalendarDate(y, m, d) || birthdate < MIN_BIRTHDATE) throw invalid('date', 'birthdate is not a valid date')
  const today = opts.today ?? todayInChina(Date.now())
  if (!splitIsoDate(today)) throw new EidError('invalid_request', 'today must be a calendar date YYYY-MM-DD')
  if (birthdate > today) throw invalid('future', 'birthdate is in the future')
  if (checkCharacter(body) !== check) throw invalid('check_character', 'check character does not match')
  return {
    id: body + check,
    regionCode: body.slice(0, 6),
    provinceCode: province.code,
    provinceName: province.name,
    provinceNameEn: province.nameEn,
    birthdate,
    sex: Number(body.charAt(16)) % 2 === 1 ? 'male' : 'female',
  }
}

/** True when `s` is a valid resident ID number (see {@link parseResidentId}). */
export function isValidResidentId(s: unknown, opts: { today?: string } = {}): boolean {
  try {
    parseResidentId(s, opts)
    return true
  } catch (e) {
    if (e instanceof EidError) return false
    throw e
  }
}

function invalid(rule: string, why: string): EidError {
  return new EidError('invalid_national_id', `${rule}: national ID number ${why}`, { details: { rule } })
}
