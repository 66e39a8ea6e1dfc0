// Reads a response body chunk by chunk and stops at a byte limit, whatever Content-Length claims.
import { isEidError } from '../errors/index.ts'
import type { EidError } from '../errors/index.ts'
import { fetchError } from './fetch-error.ts'
import type { BoundedFetchOptions } from './options.ts'

/**
 * Reads `res`'s body (already decoded by fetch, so a compression bomb is counted expanded). A declared
 * Content-Length above `maxBytes` fails before reading; the count of bytes actually read is what binds.
 */
export async function readBounded(res: Response, opts: BoundedFetchOptions, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = (): EidError => fetchError(opts, 'too_large', `response larger than ${opts.maxBytes} bytes`)
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (res.body === null) return Buffer.alloc(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > opts.maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw tooLarge()
      }
      chunks.push(value)
    }
  } catch (cause) {
    if (isEidError(cause)) throw cause
    throw fetchError(opts, signal.aborted ? 'timeout' : 'network', 'response could not be read', cause)
  }
  return Buffer.concat(chunks)
}
