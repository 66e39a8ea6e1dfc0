// Records every HTTP exchange made with the global fetch in this process (wallet, relying-party backend, and the
// verifier's own fetches of issuer keys and status lists), labelled with who made it. For the demo transcript and tests.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Exchange {
  /** Who sent it: the label of the enclosing `as(...)`, else `fallbackActor` (server-side fetches, e.g. the verifier). */
  actor: string
  method: string
  url: string
  requestHeaders: Record<string, string>
  requestBody?: string
  status?: number
  responseHeaders?: Record<string, string>
  responseBody?: string
  /** Set when the fetch itself failed (network error, timeout). */
  error?: string
}

export interface FetchRecorder {
  /** Exchanges in the order they were started. */
  readonly exchanges: Exchange[]
  /** Runs `fn` with its fetches labelled `actor`. */
  as<T>(actor: string, fn: () => Promise<T>): Promise<T>
  /** Wraps a server's request handler so fetches made while serving a request are labelled `actor`. */
  label<A extends unknown[], R>(actor: string, fn: (...args: A) => R): (...args: A) => R
  /** Restores the original fetch. */
  uninstall(): void
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof Uint8Array) return new TextDecoder().decode(body)
  return `<${Object.prototype.toString.call(body)}>`
}

/** Replaces `globalThis.fetch` with a recording wrapper (responses are cloned, callers read them unchanged). */
export function installFetchRecorder(fallbackActor = 'verifier'): FetchRecorder {
  const original = globalThis.fetch
  const actor = new AsyncLocalStorage<string>()
  const exchanges: Exchange[] = []
  const recording: typeof fetch = async (input, init) => {
    const req = input instanceof Request ? input : undefined
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const e: Exchange = {
      actor: actor.getStore() ?? fallbackActor,
      method: (init?.method ?? req?.method ?? 'GET').toUpperCase(),
      url,
      requestHeaders: Object.fromEntries(new Headers(init?.headers ?? req?.headers).entries()),
    }
    const body = bodyText(init?.body)
    if (body !== undefined) e.requestBody = body
    exchanges.push(e)
    let res: Response
    try {
      res = await original(input, init)
    } catch (err) {
      e.error = err instanceof Error ? err.message : String(err)
      throw err
    }
    e.status = res.status
    e.responseHeaders = Object.fromEntries(res.headers.entries())
    // binary bodies (a CWT status list token) are kept as hex
    const binary = (res.headers.get('content-type') ?? '').startsWith('application/statuslist+cwt')
    e.responseBody = await (binary ? res.clone().arrayBuffer().then((b) => Buffer.from(b).toString('hex')) : res.clone().text()).catch(() => '<unreadable>')
    return res
  }
  globalThis.fetch = recording
  return {
    exchanges,
    as: (label, fn) => actor.run(label, fn),
    label: (label, fn) => (...args) => actor.run(label, () => fn(...args)),
    uninstall() {
      if (globalThis.fetch === recording) globalThis.fetch = original
    },
  }
}
