// A caller's bounded fetch: fetchBounded with the caller's limits and URL policy bound in, handed to shared modules that fetch.
import { fetchBounded } from './fetch-bounded.ts'
import type { BoundedFetchOptions, BoundedResponse } from './options.ts'

/** One request of a shared module: everything but the caller's bounds. */
export interface FetchRequest extends Omit<BoundedFetchOptions, 'timeoutMs' | 'maxBytes' | 'allowUrl'> {
  /** The module's own URL rule (e.g. "under the issuer's path"), applied after the caller's policy on every hop. */
  allowUrl?: (href: string) => URL
}

/** A bounded GET/POST as a caller allows it (its timeout, size limit and URL policy). */
export type BoundedFetcher = (url: string, req: FetchRequest) => Promise<BoundedResponse>

export interface FetcherBounds {
  timeoutMs: number
  maxBytes: number
  /** The caller's URL policy (throws, typically `url_not_allowed`); default: any absolute URL. */
  allowUrl?: (href: string, what: string) => URL
}

/** Binds `bounds` into fetchBounded: every request gets the caller's limits, and its policy before the module's rule. */
export function createBoundedFetcher(bounds: FetcherBounds): BoundedFetcher {
  return (url, req) =>
    fetchBounded(url, {
      ...req,
      timeoutMs: bounds.timeoutMs,
      maxBytes: bounds.maxBytes,
      allowUrl: (href) => {
        const allowed = bounds.allowUrl ? bounds.allowUrl(href, req.what) : new URL(href)
        return req.allowUrl ? req.allowUrl(allowed.href) : allowed
      },
    })
}
