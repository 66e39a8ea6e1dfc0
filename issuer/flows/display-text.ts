// Text fields of admin requests that end up in signed credentials and certificates (names, purposes, addresses).
import { z } from 'zod'

/**
 * C0/C1 controls (NUL, line breaks, ESC...), lone surrogates (with the `u` flag a paired surrogate is one
 * astral code point, so `\p{Cs}` only matches unpaired halves) and the bidi embeddings, overrides and
 * isolates that reorder what a reader sees.
 */
const HIDDEN_OR_CONTROL = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u

/** True for well-formed Unicode (no lone surrogates) without control or bidi-override characters. */
export function isDisplayText(s: string): boolean {
  return !HIDDEN_OR_CONTROL.test(s)
}

/**
 * A trimmed, non-empty display string of at most `max` characters that a person can read as signed:
 * a lone surrogate, a control character or a bidi override is refused (`invalid_request`).
 */
export const displayText = (max: number) =>
  z.string().trim().min(1).max(max).refine(isDisplayText, { message: 'must be well-formed text without control or bidi-override characters' })
