// Age in whole years on a given day, from a birthdate; the age rule for the `age_over_N` claims.
import { EidError } from '../errors/index.ts'
import { splitIsoDate } from './calendar-date.ts'

/**
 * Whole years completed between `birthdate` and `today` (both `YYYY-MM-DD`). A person born on
 * 29 February completes a year on 1 March in common years. Throws EidError `invalid_request` when a
 * date is malformed or `today` is before `birthdate`.
 */
export function ageOn(birthdate: string, today: string): number {
  const b = typeof birthdate === 'string' ? splitIsoDate(birthdate) : undefined
  const t = typeof today === 'string' ? splitIsoDate(today) : undefined
  if (!b) throw new EidError('invalid_request', 'birthdate must be a calendar date YYYY-MM-DD')
  if (!t) throw new EidError('invalid_request', 'today must be a calendar date YYYY-MM-DD')
  const beforeBirthday = t.m < b.m || (t.m === b.m && t.d < b.d)
  const age = t.y - b.y - (beforeBirthday ? 1 : 0)
  if (age < 0) throw new EidError('invalid_request', 'today is before birthdate')
  return age
}
