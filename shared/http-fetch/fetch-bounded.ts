// A bounded outbound HTTP request: the caller's URL policy on every hop, manual and counted redirects,
// one timeout for the whole exchange, a byte limit counted while reading, optional status and media-type checks.
import { fetchError } from './fetch-error.ts'
import { mediaType } from './media-type.ts'
import type { BoundedFetchOptions, BoundedResponse } from './options.ts'
import { readBounded } from './read-bounded.ts'

/**
 * Fetches `url` within `opts`' bounds. Throws the policy's own error for a URL it refuses (also a
 * redirect target), else EidError `opts.code` naming the failed check: `network`, `timeout`,
 * `redirects`, `http_status`, `too_large`, or `content_type` (code `opts.contentTypeCode`).
 */
export async function fetchBounded(url: string, opts: BoundedFetchOptions): Promise<BoundedResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs)
  const redirects = opts.redirects ?? 0
  let target = opts.allowUrl(url)
  for (let hop = 0; ; hop++) {
    let res: Response
    try {
      res = await fetch(target, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body, redirect: 'manual', signal })
    } catch (cause) {
      throw signal.aborted
        ? fetchError(opts, 'timeout', `${target.origin} timed out`, cause)
        : fetchError(opts, 'network', `${target.origin} could not be reached`, cause)
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null
    if (location !== null && redirects !== 'return') {
      await res.body?.cancel().catch(() => undefined)
      if (hop >= redirects) throw fetchError(opts, 'redirects', `redirected more than ${redirects} times`)
      target = opts.allowUrl(new URL(location, target).href)
      continue
    }
    const contentType = res.headers.get('content-type') ?? ''
    if (opts.statuses !== undefined && !opts.statuses.includes(res.status)) {
      await res.body?.cancel().catch(() => undefined)
      throw fetchError(opts, 'http_status', `${target.origin} answered HTTP ${res.status}`)
    }
    if (opts.contentTypes !== undefined && !opts.contentTypes.includes(mediaType(contentType))) {
      await res.body?.cancel().catch(() => undefined)
      throw fetchError(opts, 'content_type', `response is not ${opts.contentTypes.join(' or ')}`)
    }
    return { status: res.status, url: target, contentType, headers: res.headers, body: await readBounded(res, opts, signal) }
  }
}
