// Bounded outbound GET of JSON documents: only URLs the caller allows, no redirects, timeout, response size limit.
import { EidError } from '../../shared/errors/index.ts'
import { fetchBounded } from '../../shared/http-fetch/index.ts'

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
}

/** GETs `url` (already allowed by the caller) and parses JSON; network errors, redirects, non-200, oversize or non-JSON bodies throw upstream_fetch_failed. */
export async function fetchJson(url: URL, limits: FetchLimits, what: string): Promise<unknown> {
  const res = await fetchBounded(url.href, {
    what,
    allowUrl: (href) => new URL(href),
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    headers: { accept: 'application/json' },
    statuses: [200],
    code: 'upstream_fetch_failed',
  })
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown
  } catch {
    throw new EidError('upstream_fetch_failed', `${what}: response is not JSON`)
  }
}
