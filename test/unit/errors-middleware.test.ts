// shared/errors errorMiddleware in a real express app on 127.0.0.1: status, body, headers, logging, render hook.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { Request, Response } from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'
import type { ErrorMiddlewareOptions } from '../../shared/errors/index.ts'

let server: Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

const logged: Array<{ fields: Record<string, unknown>; message: string }> = []
const logger = { error: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }) }

/** An app whose `/items/:id` throws `err`; the access-log stand-in records res.locals.errorCode. */
async function start(err: unknown, over: Partial<ErrorMiddlewareOptions<Request, Response>> = {}): Promise<{ base: string; codes: unknown[] }> {
  logged.length = 0
  const codes: unknown[] = []
  const app = express()
  app.use((_req, res, next) => { res.on('finish', () => codes.push(res.locals.errorCode)); next() })
  app.get('/items/:id', () => { throw err })
  app.get('/half', (_req, res, next) => { res.writeHead(200); res.write('partial'); next(new Error('late')) })
  app.use(errorMiddleware<Request, Response>({ logger, ...over }))
  const s = app.listen(0, '127.0.0.1')
  server = s
  await new Promise((r) => s.once('listening', r))
  return { base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, codes }
}

describe('errorMiddleware', () => {
  it('an EidError: its status, OAuth body with code, no-store, code left for the access log, nothing logged', async () => {
    const { base, codes } = await start(new EidError('not_found', 'no such item'))
    const res = await fetch(`${base}/items/42`)
    expect(res.status).toBe(404)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toMatchObject({ code: 'not_found', error_description: 'no such resource' })
    expect(codes).toEqual(['not_found'])
    expect(logged).toEqual([])
  })

  it('an unexpected error: 500 internal_error, logged with route pattern, code and class, never its message', async () => {
    const { base } = await start(new TypeError('secret 900101199001011237'))
    const res = await fetch(`${base}/items/900101199001011237`)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('secret')
    expect(logged).toEqual([{ fields: { route: '/items/:id', code: 'internal_error', errorName: 'TypeError' }, message: 'request failed' }])
    expect(JSON.stringify(logged)).not.toContain('900101')
  })

  it("a database driver's error code (SQLITE_BUSY, a SQLSTATE) is logged beside the class; any other code property is not", async () => {
    const busy = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' })
    let { base } = await start(busy)
    expect((await fetch(`${base}/items/1`)).status).toBe(500)
    expect(logged).toEqual([{ fields: { route: '/items/:id', code: 'internal_error', errorName: 'SqliteError', driverCode: 'SQLITE_BUSY' }, message: 'request failed' }])
    await new Promise<void>((r) => server?.close(() => r()))
    ;({ base } = await start(Object.assign(new Error('x'), { code: '40001' })))
    expect((await fetch(`${base}/items/1`)).status).toBe(500)
    expect(logged[0]?.fields.driverCode).toBe('40001')
    await new Promise<void>((r) => server?.close(() => r()))
    ;({ base } = await start(Object.assign(new Error('x'), { code: 'value 900101199001011237' })))
    expect((await fetch(`${base}/items/1`)).status).toBe(500)
    expect(logged[0]?.fields).not.toHaveProperty('driverCode')
    expect(JSON.stringify(logged)).not.toContain('900101')
  })

  it('a 5xx EidError is logged unless logExpected5xx is false', async () => {
    const err = new EidError('upstream_fetch_failed', 'issuer down')
    let { base } = await start(err)
    expect((await fetch(`${base}/items/1`)).status).toBe(502)
    expect(logged).toHaveLength(1)
    await new Promise<void>((r) => server?.close(() => r()))
    ;({ base } = await start(err, { logExpected5xx: false }))
    expect((await fetch(`${base}/items/1`)).status).toBe(502)
    expect(logged).toEqual([])
  })

  it('a 401 carries the WWW-Authenticate challenge the service chose', async () => {
    const { base } = await start(new EidError('unauthorized', 'no token'), { wwwAuthenticate: (b) => `Bearer realm="x", error="${b.error}"` })
    const res = await fetch(`${base}/items/1`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="x"/)
  })

  it('render writes the response (an HTML page), after the shared headers', async () => {
    const { base } = await start(new EidError('forbidden', 'no'), {
      render: (_req, res, { status, body }) => void res.status(status).type('html').send(`<p>${body.code}</p>`),
    })
    const res = await fetch(`${base}/items/1`)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('<p>forbidden</p>')
  })

  it('headers already sent: the error goes on to express, which ends the response', async () => {
    const { base } = await start(new Error('unused'))
    const res = await fetch(`${base}/half`)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
    expect(logged).toEqual([])
  })
})
