// Default bounds on attacker-controlled work when decoding and verifying SD-JWTs.
import type { SdJwtLimits } from './types.ts'

/** Defaults: 256 KiB token, 128 KiB per part, 256 disclosures, nesting depth 32. */
export const DEFAULT_SD_JWT_LIMITS: Readonly<SdJwtLimits> = Object.freeze({
  maxTokenBytes: 256 * 1024,
  maxPartBytes: 128 * 1024,
  maxDisclosures: 256,
  maxDepth: 32,
})

/** Caller overrides merged over the defaults. */
export function resolveLimits(limits: Partial<SdJwtLimits> | undefined): SdJwtLimits {
  return limits === undefined ? DEFAULT_SD_JWT_LIMITS : { ...DEFAULT_SD_JWT_LIMITS, ...limits }
}
