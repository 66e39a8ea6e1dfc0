// Bounded outbound GET of JSON documents: only URLs the caller allows, no redirects, timeout, response size limit.
import { EidError } from '../../shared/errors/index.ts'

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
}

/** GETs `url` and parses JSON; network errors, non-200, oversize or non-JSON bodies throw upstream_fetch_failed. */
export async function fetchJson(url: URL, limits: FetchLimits, what: string): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(limits.timeoutMs), headers: { accept: 'application/json' } })
  } catch (cause) {
    throw new EidError('upstream_fetch_failed', `${what}: ${url.origin} could not be reached or timed out`, { cause })
  }
  if (res.status !== 200) {
    await res.body?.cancel()
    throw new EidError('upstream_fetch_failed', `${what}: ${url.origin} answered ${res.status}`)
  }
  const text = await readBounded(res, limits.maxBytes, what)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new EidError('upstream_fetch_failed', `${what}: response is not JSON`)
  }
}

async function readBounded(res: Response, maxBytes: number, what: string): Promise<string> {
  if (Number(res.headers.get('content-length') ?? '0') > maxBytes || res.body === null) {
    await res.body?.cancel()
    if (res.body === null) return ''
    throw new EidError('upstream_fetch_failed', `${what}: response larger than ${maxBytes} bytes`)
  }
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new EidError('upstream_fetch_failed', `${what}: response larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
