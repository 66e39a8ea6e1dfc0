// shared/http-fetch: the caller's URL policy on the first URL and on every redirect hop, counted redirects, loops.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { fetchBounded } from '../../shared/http-fetch/index.ts'
import type { BoundedFetchOptions } from '../../shared/http-fetch/index.ts'
import { startServer } from './http-fetch-server.ts'
import type { TestServer } from './http-fetch-server.ts'

let srv: TestServer
let other: TestServer
beforeAll(async () => { [srv, other] = await Promise.all([startServer(), startServer()]) })
afterAll(() => Promise.all([srv.close(), other.close()]))
beforeEach(() => { for (const s of [srv, other]) { s.routes.clear(); s.hits.clear() } })

/** Allows only URLs under `${srv.origin}/ok/`. */
const underOk = (href: string): URL => {
  const u = new URL(href)
  if (u.origin !== srv.origin || !u.pathname.startsWith('/ok/')) throw new EidError('url_not_allowed', 'not under /ok/')
  return u
}
const opts = (over: Partial<BoundedFetchOptions> = {}): BoundedFetchOptions => ({
  what: 'test document', allowUrl: underOk, timeoutMs: 2000, maxBytes: 4096, code: 'upstream_fetch_failed', withCheck: true, redirects: 3, ...over,
})
const redirect = (to: string, status = 302) => (_q: unknown, r: { writeHead(s: number, h: Record<string, string>): { end(): void } }) => r.writeHead(status, { location: to }).end()

describe('fetchBounded: URL policy and redirects', () => {
  it('refuses a first URL off policy without sending anything', async () => {
    srv.routes.set('/elsewhere', (_q, r) => r.end('x'))
    await expect(fetchBounded(`${srv.origin}/elsewhere`, opts())).rejects.toMatchObject({ code: 'url_not_allowed' })
    expect(srv.hits.size).toBe(0)
  })

  it('follows redirects within the policy (relative Location resolved) and reports the final URL', async () => {
    srv.routes.set('/ok/a', redirect('/ok/b', 301))
    srv.routes.set('/ok/b', redirect(`${srv.origin}/ok/c`, 307))
    srv.routes.set('/ok/c', (_q, r) => r.end('final'))
    const res = await fetchBounded(`${srv.origin}/ok/a`, opts())
    expect(res.body.toString()).toBe('final')
    expect(res.url.pathname).toBe('/ok/c')
  })

  it('url_not_allowed: a redirect to another origin is refused before it is contacted', async () => {
    other.routes.set('/ok/x', (_q, r) => r.end('x'))
    srv.routes.set('/ok/away', redirect(`${other.origin}/ok/x`))
    await expect(fetchBounded(`${srv.origin}/ok/away`, opts())).rejects.toMatchObject({ code: 'url_not_allowed' })
    expect(other.hits.size).toBe(0)
  })

  it('url_not_allowed: a redirect to the same origin outside the allowed prefix', async () => {
    srv.routes.set('/ok/out', redirect('/admin'))
    await expect(fetchBounded(`${srv.origin}/ok/out`, opts())).rejects.toMatchObject({ code: 'url_not_allowed' })
    expect(srv.hits.get('/admin')).toBeUndefined()
  })

  it('redirects: a redirect loop stops after the allowed count', async () => {
    srv.routes.set('/ok/loop', redirect('/ok/loop'))
    await expect(fetchBounded(`${srv.origin}/ok/loop`, opts())).rejects.toMatchObject({ code: 'upstream_fetch_failed', details: { check: 'redirects' } })
    expect(srv.hits.get('/ok/loop')).toBe(4)
  })

  it('redirects: with the default of 0, the first redirect fails', async () => {
    srv.routes.set('/ok/r', redirect('/ok/c'))
    await expect(fetchBounded(`${srv.origin}/ok/r`, opts({ redirects: undefined }))).rejects.toMatchObject({ details: { check: 'redirects' } })
    expect(srv.hits.get('/ok/c')).toBeUndefined()
  })

  it("'return': a redirect comes back as it is, not followed", async () => {
    srv.routes.set('/ok/r', redirect('/ok/c'))
    const res = await fetchBounded(`${srv.origin}/ok/r`, opts({ redirects: 'return' }))
    expect(res.status).toBe(302)
    expect(srv.hits.get('/ok/c')).toBeUndefined()
  })

  it('a 3xx without Location is an ordinary response (http_status when statuses exclude it)', async () => {
    srv.routes.set('/ok/304', (_q, r) => r.writeHead(304).end())
    await expect(fetchBounded(`${srv.origin}/ok/304`, opts({ statuses: [200] }))).rejects.toMatchObject({ details: { check: 'http_status' } })
  })

  it('one timeout covers every hop', async () => {
    srv.routes.set('/ok/1', (_q, r) => setTimeout(() => r.writeHead(302, { location: '/ok/2' }).end(), 120))
    srv.routes.set('/ok/2', (_q, r) => setTimeout(() => r.end('late'), 120))
    await expect(fetchBounded(`${srv.origin}/ok/1`, opts({ timeoutMs: 180 }))).rejects.toMatchObject({ details: { check: 'timeout' } })
  })
})
