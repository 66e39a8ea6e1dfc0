// The `iat` of a KB-JWT (RFC 9901 §4.3) or BBS presentation header: taken from the verifier's signed request so the wallet's clock never leaves it.

/** Granularity of the fallback `iat` when a request object carries no `iat`, seconds. */
export const FALLBACK_IAT_GRANULARITY = 60

/**
 * The request object's own `iat` (the verifier's clock, already checked not to lie in the wallet's
 * future by verifyRequestObject): a presentation then carries nothing of the wallet's clock, whose
 * offset would otherwise join presentations across services. A request without `iat` (allowed by
 * OpenID4VP) gets the wallet clock floored to the minute, which hides offsets within that minute.
 */
export function presentationIat(requestIat: number | undefined, now: number): number {
  if (requestIat !== undefined) return requestIat
  return Math.floor(now / FALLBACK_IAT_GRANULARITY) * FALLBACK_IAT_GRANULARITY
}
