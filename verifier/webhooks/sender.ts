// Webhook delivery: one signed POST per finished presentation to the service's registered callback URL, retried with
// bounded exponential backoff; redirects are not followed and no other URL is ever contacted.
import type { Logger } from 'pino'
import { EidError } from '../../shared/errors/index.ts'
import { fetchBounded } from '../../shared/http-fetch/index.ts'
import { isServiceUrl, serviceWebUrl } from '../../shared/registration/index.ts'
import { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, signWebhook } from './signature.ts'

/** The webhook of a service: where, the shared secret, and the retry bounds. */
export interface WebhookConfig {
  /** The callback URL registered for the service (https; http only on a loopback host). */
  url: string
  /** HMAC key shared with the service (at least 32 characters). */
  secret: string
  /** Attempts in all (default 6: at once, then after 1, 2, 4, 8 and 16 s). */
  maxAttempts?: number
  /** Delay before the first retry, doubled each time (default 1000 ms). */
  firstRetryMs?: number
  /** Each attempt's whole exchange (default 5000 ms). */
  timeoutMs?: number
}

/** The body POSTed to the callback: the same fields as `GET /presentations/:id`, plus the id and when it finished. */
export interface WebhookEvent {
  type: 'presentation.finished'
  id: string
  status: 'verified' | 'rejected'
  claims?: Record<string, unknown>
  /** For `rejected`: the code (`access_denied` when the person declined). */
  error?: string
  finished_at: number
}

export interface WebhookSender {
  /** Queues the event's delivery; returns at once. */
  notify(event: WebhookEvent): void
  /** Resolves when every queued delivery has succeeded or given up (tests, shutdown). */
  idle(): Promise<void>
  /** Stops: pending retries are dropped. */
  close(): void
}

/** Checks a configured webhook; throws (the verifier must not start) when the URL or secret is unusable. */
export function checkWebhookConfig(w: WebhookConfig): void {
  if (!URL.canParse(w.url)) throw new Error('webhook url must be an absolute URL')
  if (serviceWebUrl(w.url) === undefined) throw new Error('webhook url must be https (http only on a loopback host)')
  if (!isServiceUrl(w.url)) throw new Error('webhook url must have no credentials and no fragment')
  if (typeof w.secret !== 'string' || w.secret.length < 32) throw new Error('webhook secret must be at least 32 characters')
  if (w.maxAttempts !== undefined && !(Number.isInteger(w.maxAttempts) && w.maxAttempts >= 1 && w.maxAttempts <= 10)) throw new Error('webhook maxAttempts must be 1..10')
}

/** A sender for `w`; `now` (epoch seconds) dates each signature. */
export function createWebhookSender(w: WebhookConfig, deps: { logger: Logger; now: () => number }): WebhookSender {
  checkWebhookConfig(w)
  const target = new URL(w.url)
  const maxAttempts = w.maxAttempts ?? 6
  const firstRetryMs = w.firstRetryMs ?? 1000
  const pending = new Set<Promise<void>>()
  const timers = new Map<NodeJS.Timeout, () => void>()
  let closed = false

  // Only the registered URL, exactly: a redirect elsewhere is not followed (redirects: 0 fails the attempt).
  const allowUrl = (href: string): URL => {
    if (href !== target.href) throw new EidError('url_not_allowed', 'webhook: only the registered callback URL is called')
    return new URL(href)
  }

  const attempt = async (body: string, id: string): Promise<void> => {
    await fetchBounded(target.href, {
      what: 'webhook',
      allowUrl,
      timeoutMs: w.timeoutMs ?? 5000,
      maxBytes: 4096,
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEBHOOK_ID_HEADER]: id, [WEBHOOK_SIGNATURE_HEADER]: signWebhook(w.secret, body, deps.now()) },
      body,
      statuses: [200, 201, 202, 204],
      code: 'upstream_fetch_failed',
    })
  }

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      t.unref()
      timers.set(t, resolve)
    })

  const deliver = async (event: WebhookEvent): Promise<void> => {
    const body = JSON.stringify(event)
    for (let n = 1; n <= maxAttempts && !closed; n++) {
      try {
        await attempt(body, event.id)
        deps.logger.info({ presentationId: event.id, attempts: n }, 'webhook delivered')
        return
      } catch (err) {
        const code = err instanceof EidError ? err.code : 'internal_error'
        deps.logger.warn({ presentationId: event.id, attempt: n, code }, n < maxAttempts ? 'webhook failed, retrying' : 'webhook failed, giving up')
        if (n < maxAttempts) await sleep(firstRetryMs * 2 ** (n - 1))
      }
    }
  }

  return {
    notify(event) {
      if (closed) return
      const p = deliver(event).finally(() => pending.delete(p))
      pending.add(p)
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending])
    },
    close() {
      closed = true
      for (const [t, wake] of timers) {
        clearTimeout(t)
        wake() // the loop sees `closed` and ends
      }
      timers.clear()
    },
  }
}
