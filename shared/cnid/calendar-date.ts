// Proleptic Gregorian calendar dates as `YYYY-MM-DD` strings: validity and comparison without a clock.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Year, month, day of a valid `YYYY-MM-DD` date, or undefined when the format or day is invalid. */
export function splitIsoDate(s: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE.exec(s)
  if (!match) return undefined
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  return isCalendarDate(y, m, d) ? { y, m, d } : undefined
}

/** True when y-m-d is a real day (leap years by the Gregorian rule). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false
  if (m < 1 || m > 12 || d < 1) return false
  return d <= daysInMonth(y, m)
}

/** Number of days of month `m` (1-12) in year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

/** `YYYY-MM-DD` of y, m, d (no validation). */
export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * Today's date in China Standard Time (UTC+8, no DST), the calendar the birthdates are written in.
 * Only a default for callers that pass no `today`; protocol code should pass it explicitly.
 */
export function todayInChina(nowMs: number): string {
  const t = new Date(nowMs + 8 * 3600_000)
  return formatIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}
