// Webhook signatures: HMAC-SHA256 with the service's webhook secret over "<timestamp>.<raw body>" (docs/INTEGRATION.md, "Webhook").
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The header carrying the signature: `t=<epoch seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'eid-webhook-signature'
/** The header carrying the presentation id (the delivery's idempotency key). */
export const WEBHOOK_ID_HEADER = 'eid-webhook-id'

/** The signature header value for `body` sent at `t` (epoch seconds). */
export function signWebhook(secret: string, body: string, t: number): string {
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${mac}`
}

/**
 * What a receiver does (the reference for the documented snippets): parse the header, recompute the HMAC over
 * the raw body, compare in constant time, and refuse a timestamp more than `toleranceSeconds` from `now`.
 */
export function checkWebhookSignature(secret: string, body: string, header: string, now: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header)
  if (!m) return false
  const t = Number(m[1])
  if (Math.abs(now - t) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, body, t).slice(`t=${t},v1=`.length), 'hex')
  return timingSafeEqual(expected, Buffer.from(m[2] as string, 'hex'))
}
