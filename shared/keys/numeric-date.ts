// JWT NumericDate (RFC 7519 §2) as this project accepts it: an integer JSON carries exactly, in a sane range.
import { z } from 'zod'

/** 9999-12-31T23:59:59Z: no credential or token of ours may name a later time. */
export const MAX_NUMERIC_DATE = 253_402_300_799

/**
 * A NumericDate: a safe integer (so the value used is the value signed: 2^53+1 would round) from
 * 0 to MAX_NUMERIC_DATE (year 9999). Fractions, negatives and larger values are refused.
 */
export const numericDateSchema = z.int().min(0).max(MAX_NUMERIC_DATE)

/** True when `v` is a NumericDate this project accepts. */
export function isNumericDate(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_NUMERIC_DATE
}
