// The service's webhook: exactly one HMAC-signed POST per finished presentation (verified, declined, rejected) to the
// configured callback URL on loopback, none for a replayed response, retries with backoff that end, no redirect followed.
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import { checkWebhookConfig, checkWebhookSignature, signWebhook } from '../../verifier/webhooks/index.ts'

const SECRET = 'webhook-secret-0123456789abcdefghijkl'

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A loopback receiver answering each POST with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[] = [204], headers: Record<string, string> = {}): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      got.push({ headers: req.headers, body })
      res.writeHead(statuses[Math.min(got.length - 1, statuses.length - 1)] ?? 204, headers).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/eid-webhook`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** What a service does with a delivery, computed here independently of verifier/webhooks. */
function verifiedBody(r: Received): Record<string, unknown> {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['eid-webhook-signature']))
  if (!m) throw new Error('no signature header')
  const mac = createHmac('sha256', SECRET).update(`${m[1]}.${r.body}`).digest('hex')
  expect(mac).toBe(m[2])
  expect(Math.abs(Date.now() / 1000 - Number(m[1]))).toBeLessThan(60)
  const body = JSON.parse(r.body) as Record<string, unknown>
  expect(r.headers['eid-webhook-id']).toBe(body.id)
  expect(r.headers['content-type']).toBe('application/json')
  return body
}

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c()
})

async function harness(url: string, extra: { maxAttempts?: number } = {}): Promise<VerifierHarness> {
  const h = await startVerifierHarness({ config: { webhook: { url, secret: SECRET, firstRetryMs: 10, ...extra } } })
  cleanup.push(() => h.close())
  return h
}

async function ask(h: VerifierHarness): Promise<{ id: string; state: string; nonce: string; client_id: string }> {
  const created = await h.createPresentation({ preset: 'age_over_18' })
  const req = await h.fetchRequest(created.json)
  return { id: created.json.id as string, state: req.state, nonce: req.nonce, client_id: req.client_id }
}

describe('webhook per finished presentation', () => {
  it('posts one signed event when verified, and none for a replay of the same response', async () => {
    const r = await receiver()
    cleanup.push(r.close)
    const h = await harness(r.url)
    const req = await ask(h)
    const form = { vp_token: JSON.stringify({ pid: [await h.present(await h.credential(), [['age_over_18']], req)] }), state: req.state }
    expect((await h.post(form)).status).toBe(200)
    const replay = await h.post(form)
    expect(replay.json.code).toBe('response_replayed')
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(1)
    const body = verifiedBody(r.got[0] as Received)
    expect(body).toEqual({ type: 'presentation.finished', id: req.id, status: 'verified', claims: { age_over_18: true }, finished_at: expect.any(Number) })
    // the event says what GET /presentations/:id says
    expect((await h.result(req.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('posts one event when the person declines (rejected, access_denied)', async () => {
    const r = await receiver()
    cleanup.push(r.close)
    const h = await harness(r.url)
    const req = await ask(h)
    await h.post({ error: 'access_denied', state: req.state })
    await h.post({ error: 'access_denied', state: req.state })
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(1)
    expect(verifiedBody(r.got[0] as Received)).toMatchObject({ id: req.id, status: 'rejected', error: 'access_denied' })
  })

  it('posts one event with the code when the presentation fails a check', async () => {
    const r = await receiver()
    cleanup.push(r.close)
    const h = await harness(r.url)
    const req = await ask(h)
    const vp = await h.present(await h.credential(), [['age_over_18']], { ...req, nonce: 'another-nonce' })
    expect((await h.post({ vp_token: JSON.stringify({ pid: [vp] }), state: req.state })).status).toBe(400)
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(1)
    const body = verifiedBody(r.got[0] as Received)
    expect(body).toMatchObject({ id: req.id, status: 'rejected' })
    expect(body.claims).toBeUndefined()
  })

  it('retries a failing callback with backoff until it answers 2xx, then stops', async () => {
    const r = await receiver([500, 503, 204])
    cleanup.push(r.close)
    const h = await harness(r.url)
    const req = await ask(h)
    await h.post({ error: 'access_denied', state: req.state })
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(3)
    expect(new Set(r.got.map((g) => g.body)).size).toBe(1) // the same event each time
    expect(h.logs.join('\n')).toContain('"attempts":3')
  })

  it('gives up after maxAttempts', async () => {
    const r = await receiver([500])
    cleanup.push(r.close)
    const h = await harness(r.url, { maxAttempts: 3 })
    const req = await ask(h)
    await h.post({ error: 'access_denied', state: req.state })
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(3)
    expect(h.logs.join('\n')).toContain('webhook failed, giving up')
  })

  it('does not follow a redirect away from the registered URL', async () => {
    const elsewhere = await receiver()
    cleanup.push(elsewhere.close)
    const r = await receiver([307], { location: elsewhere.url })
    cleanup.push(r.close)
    const h = await harness(r.url, { maxAttempts: 2 })
    const req = await ask(h)
    await h.post({ error: 'access_denied', state: req.state })
    await h.verifier.webhook?.idle()
    expect(r.got).toHaveLength(2)
    expect(elsewhere.got).toHaveLength(0)
  })
})

describe('webhook configuration and signature', () => {
  it('refuses a callback that is not https (http only on loopback), has credentials, or a short secret', () => {
    expect(() => checkWebhookConfig({ url: 'http://shop.example/hook', secret: SECRET })).toThrow(/https/)
    expect(() => checkWebhookConfig({ url: 'https://u:p@shop.example/hook', secret: SECRET })).toThrow(/credentials/)
    expect(() => checkWebhookConfig({ url: 'https://shop.example/hook', secret: 'short' })).toThrow(/secret/)
    expect(() => checkWebhookConfig({ url: 'not a url', secret: SECRET })).toThrow(/absolute/)
    expect(() => checkWebhookConfig({ url: 'https://shop.example/hook#frag', secret: SECRET })).toThrow(/fragment/)
    expect(() => checkWebhookConfig({ url: 'http://10.0.0.1/hook', secret: SECRET })).toThrow(/https/)
    for (const maxAttempts of [0, 11, 1.5]) expect(() => checkWebhookConfig({ url: 'https://shop.example/hook', secret: SECRET, maxAttempts })).toThrow(/maxAttempts/)
    expect(() => checkWebhookConfig({ url: 'http://127.0.0.1:9/hook', secret: SECRET })).not.toThrow()
    expect(() => checkWebhookConfig({ url: 'https://shop.example/hook', secret: SECRET })).not.toThrow()
  })

  it('a receiver refuses a changed body, another secret, a stale timestamp and a malformed header', () => {
    const body = '{"id":"x"}'
    const now = 1_800_000_000
    const header = signWebhook(SECRET, body, now)
    expect(checkWebhookSignature(SECRET, body, header, now)).toBe(true)
    expect(checkWebhookSignature(SECRET, '{"id":"y"}', header, now)).toBe(false)
    expect(checkWebhookSignature(`${SECRET}x`, body, header, now)).toBe(false)
    expect(checkWebhookSignature(SECRET, body, header, now + 301)).toBe(false)
    expect(checkWebhookSignature(SECRET, body, `${header}0`, now)).toBe(false)
  })
})
