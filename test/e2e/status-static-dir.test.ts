// Status lists as static files (issue 12) over real loopback HTTP: the issuer writes STATUS_LIST_DIR, a tiny node:http
// file server (standing in for any web server or CDN) serves it from the sidecar's headers, credentials point at it
// (STATUS_LIST_BASE_URL), and the verifier checks presentations against it: ETag revalidation (304), a revocation
// showing up after the next write, and bad, oversized or unsigned files refused with their codes.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoundedFetcher } from '../../shared/http-fetch/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { CryptoKey } from '../../shared/keys/index.ts'
import { createStatusChecker } from '../../shared/status-check/index.ts'
import { encodeStatusList, signStatusListToken, verifyStatusListCwt } from '../../shared/status-list/index.ts'
import { ADMIN_TOKEN, answerDirectly, issueDirectly, startFlow } from './flow-fixtures.ts'
import type { DirectHolder, Flow } from './flow-fixtures.ts'

const TTL = 5
const PAST_TTL = TTL + 1

interface StaticServer {
  url: string
  log: { path: string; name: string; status: number; ifNoneMatch: boolean }[]
  close(): Promise<void>
}

/**
 * Serves `<dir>/<name>` at `/lists/<name>` with the headers its `<name>.headers.json` sidecar names, as the README tells
 * a web server to: Content-Type, ETag, `Cache-Control: public, max-age=max(0, min(ttl, iat + ttl - now))`, 304 on a
 * matching If-None-Match; `<name>.cwt` instead when the request's Accept names `application/statuslist+cwt` first and the
 * file exists (a rule a web server can express: nginx `map $http_accept`). Knows nothing of the issuer's code.
 */
async function startStaticServer(dir: string, now: () => number): Promise<StaticServer> {
  const log: StaticServer['log'] = []
  const server: Server = createServer((req, res) => {
    void (async () => {
      const base = /^\/lists\/([A-Za-z0-9_-]{1,64})$/.exec(req.url ?? '')?.[1]
      const wantsCwt = /^\s*application\/statuslist\+cwt\s*(,|$)/.test(req.headers.accept ?? '')
      const name = base && wantsCwt && existsSync(join(dir, `${base}.cwt`)) ? `${base}.cwt` : base
      const done = (status: number): void => void log.push({ path: req.url ?? '', name: name ?? '', status, ifNoneMatch: req.headers['if-none-match'] !== undefined })
      let body: Buffer
      let headers: { content_type: string; etag: string; iat: number; ttl: number }
      try {
        if (!name) throw new Error('no such file')
        body = await readFile(join(dir, name))
        headers = JSON.parse(await readFile(join(dir, `${name}.headers.json`), 'utf8')) as typeof headers
      } catch {
        res.writeHead(404).end()
        return done(404)
      }
      const maxAge = Math.max(0, Math.min(headers.ttl, headers.iat + headers.ttl - now()))
      res.setHeader('ETag', headers.etag)
      res.setHeader('Cache-Control', `public, max-age=${maxAge}`)
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304).end()
        return done(304)
      }
      res.writeHead(200, { 'Content-Type': headers.content_type, 'Content-Length': body.length }).end(body)
      done(200)
    })()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

let flow: Flow
let holder: DirectHolder
let dir: string
let files: StaticServer
let listBase: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eid-status-dir-'))
  let clockNow = (): number => Math.floor(Date.now() / 1000)
  files = await startStaticServer(dir, () => clockNow())
  listBase = `${files.url}/lists`
  flow = await startFlow(
    { wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } },
    { statusTtlSeconds: TTL, issuerExtra: { statusListDir: dir, statusListBaseUrl: listBase }, verifierExtra: { statusListBaseUrls: [listBase] } },
  )
  clockNow = flow.clock.now
  holder = await issueDirectly(flow.issuer.url, flow.person, 2, flow.clock.now())
}, 30_000)

afterAll(async () => {
  await flow?.close()
  await files?.close()
  await rm(dir, { recursive: true, force: true })
})

async function present(i: number): Promise<unknown> {
  const p = await flow.ask('wine', { preset: 'age_over_18' })
  const cred = holder.credentials[i]
  if (!cred) throw new Error(`no credential ${i}`)
  await answerDirectly(p.authorization_request, cred, [['age_over_18']], flow.clock.now())
  return flow.result('wine', p.id)
}

/** The list the credentials point at: its id and URI (under the static base URL). */
async function theList(): Promise<{ id: string; uri: string }> {
  const ids = (await readdir(dir)).filter((f) => /^[A-Za-z0-9_-]+$/.test(f))
  expect(ids).toHaveLength(1)
  const id = ids[0] as string
  return { id, uri: `${listBase}/${id}` }
}

const VERIFIED = { status: 'verified', claims: { age_over_18: true } }

describe('status lists as static files (STATUS_LIST_DIR, STATUS_LIST_BASE_URL)', () => {
  it('the issuer writes both forms and their headers sidecars; the credentials point at the static copy', async () => {
    const { id, uri } = await theList()
    const names = await readdir(dir)
    expect(names.sort()).toEqual([id, `${id}.headers.json`, `${id}.cwt`, `${id}.cwt.headers.json`].sort()) // no temp file left behind
    const cwtSidecar = JSON.parse(await readFile(join(dir, `${id}.cwt.headers.json`), 'utf8')) as Record<string, unknown>
    expect(cwtSidecar).toMatchObject({ content_type: 'application/statuslist+cwt', ttl: TTL })
    const cwt = await readFile(join(dir, `${id}.cwt`))
    const c = await verifyStatusListCwt(cwt, { expectedSub: uri, now: flow.clock.now(), resolveKey: async () => flow.issuer.issuer.keys.issuing.key.publicJwk })
    expect(c.header).toEqual({ typ: 'application/statuslist+cwt', alg: 'ES256', kid: flow.issuer.issuer.keys.issuing.key.kid })
    expect(c.ttl).toBe(TTL)
    const sidecar = JSON.parse(await readFile(join(dir, `${id}.headers.json`), 'utf8')) as Record<string, unknown>
    expect(sidecar).toMatchObject({ content_type: 'application/statuslist+jwt', ttl: TTL })
    expect(sidecar.etag).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/)
    const jwt = await readFile(join(dir, id), 'ascii')
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>
    expect(payload.sub).toBe(uri)
    expect(payload.ttl).toBe(TTL)
    // the header names the issuing key by kid (published in the issuer's JWKS) and carries no certificate chain (issue 13)
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString()) as Record<string, unknown>
    expect(header).toEqual({ typ: 'statuslist+jwt', alg: 'ES256', kid: flow.issuer.issuer.keys.issuing.key.kid })
  })

  it('the issuer route serves the same tokens with the same ETags and Cache-Control, and answers If-None-Match with 304', async () => {
    const { id } = await theList()
    const cwtHeaders = { accept: 'application/statuslist+cwt' }
    const [cwtIssuer, cwtFiles] = [await fetch(`${flow.issuer.url}/status-lists/${id}`, { headers: cwtHeaders }), await fetch(`${listBase}/${id}`, { headers: cwtHeaders })]
    expect(Buffer.from(await cwtIssuer.arrayBuffer()).equals(Buffer.from(await cwtFiles.arrayBuffer()))).toBe(true)
    expect(cwtFiles.headers.get('content-type')).toBe('application/statuslist+cwt')
    expect(cwtIssuer.headers.get('etag')).toBe(cwtFiles.headers.get('etag'))
    const fromIssuer = await fetch(`${flow.issuer.url}/status-lists/${id}`)
    const fromFiles = await fetch(`${listBase}/${id}`)
    const [a, b] = [await fromIssuer.text(), await fromFiles.text()]
    expect(a).toBe(b)
    expect(fromIssuer.headers.get('etag')).toBe(fromFiles.headers.get('etag'))
    // the same policy; max-age counts the seconds to the next refresh, so two requests either side of a second differ by 1
    const maxAge = (r: Response): number => Number(/^public, max-age=([0-5])$/.exec(r.headers.get('cache-control') ?? '')?.[1] ?? Number.NaN)
    expect(Math.abs(maxAge(fromIssuer) - maxAge(fromFiles))).toBeLessThanOrEqual(1)
    const etag = fromIssuer.headers.get('etag') as string
    const again = await fetch(`${flow.issuer.url}/status-lists/${id}`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const other = await fetch(`${flow.issuer.url}/status-lists/${id}`, { headers: { 'if-none-match': 'W/"something-else"' } })
    expect(other.status).toBe(200)
    await other.arrayBuffer()
  })

  it('the verifier checks against the static copy, revalidates it by ETag (304), and sees a revocation after the next write', async () => {
    const before = files.log.length
    expect(await present(0)).toEqual(VERIFIED)
    expect(files.log.slice(before).some((r) => r.status === 200 && r.name.endsWith('.cwt'))).toBe(true) // it asks for the CWT first

    // past the ttl with nothing changed: the verifier revalidates and the file server answers 304
    flow.clock.advance(PAST_TTL)
    const mark = files.log.length
    expect(await present(1)).toEqual(VERIFIED)
    expect(files.log.slice(mark)).toEqual([expect.objectContaining({ status: 304, ifNoneMatch: true })])

    const res = await fetch(`${flow.issuer.url}/admin/persons/${flow.personId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    await flow.issuer.issuer.status.publish() // the write the revocation triggered has landed
    flow.clock.advance(PAST_TTL)
    const mark2 = files.log.length
    expect(await present(0)).toEqual({ status: 'rejected', error: 'credential_revoked' })
    expect(files.log.slice(mark2)).toEqual([expect.objectContaining({ status: 200, ifNoneMatch: true })])
  })

  describe('bad files are refused with their codes', () => {
    const checker = () =>
      createStatusChecker({
        now: flow.clock.now,
        resolveIssuerKey: async () => flow.issuer.issuer.keys.issuing.key.publicJwk,
        fetch: createBoundedFetcher({ timeoutMs: 3000, maxBytes: 2 * 1024 * 1024 }),
        statusListBaseUrls: [listBase],
      })
    const put = async (name: string, body: string | Buffer, contentType = 'application/statuslist+jwt'): Promise<unknown> => {
      await writeFile(join(dir, name), body)
      await writeFile(join(dir, `${name}.headers.json`), JSON.stringify({ content_type: contentType, etag: 'W/"x"', iat: flow.clock.now(), ttl: TTL, exp: flow.clock.now() + 600 }))
      return { status_list: { idx: 0, uri: `${listBase}/${name}` } }
    }
    const check = (status: unknown) => checker().check({ issuer: flow.issuer.url, status })
    const validToken = async (name: string, privateKey: CryptoKey) => {
      const iat = flow.clock.now()
      return signStatusListToken({ sub: `${listBase}/${name}`, iat, exp: iat + 600, ttl: TTL, list: encodeStatusList(new Uint8Array(64), 2), signer: { alg: 'ES256', privateKey } })
    }

    it('not a token: status_list_invalid (format)', async () => {
      await expect(check(await put('garbage', 'this is not a status list token'))).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: 'format' } })
    })

    it('unsigned (alg none, no signature): status_list_invalid', async () => {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
      const iat = flow.clock.now()
      const unsigned = `${b64({ alg: 'none', typ: 'statuslist+jwt' })}.${b64({ sub: `${listBase}/unsigned`, iat, ttl: TTL, status_list: encodeStatusList(new Uint8Array(8), 2) })}.`
      await expect(check(await put('unsigned', unsigned))).rejects.toMatchObject({ code: 'status_list_invalid' })
    })

    it('signed by a key that is not the issuer\'s: status_list_invalid (signature)', async () => {
      const other = await generateSigningKey('ES256')
      await expect(check(await put('forged', await validToken('forged', other.privateKey)))).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: 'signature' } })
    })

    it('served with another media type: status_list_invalid (content_type)', async () => {
      const token = await validToken('html', flow.issuer.issuer.keys.issuing.key.privateKey)
      await expect(check(await put('html', token, 'text/html'))).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: 'content_type' } })
    })

    it('oversized (3 MiB): status_list_unavailable (too_large), before it is parsed', async () => {
      await expect(check(await put('huge', Buffer.alloc(3 * 1024 * 1024, 0x61)))).rejects.toMatchObject({ code: 'status_list_unavailable', details: { check: 'too_large' } })
    })

    it('a well-signed copy of the issuer\'s own is accepted (the baseline these depart from)', async () => {
      await expect(check(await put('good', await validToken('good', flow.issuer.issuer.keys.issuing.key.privateKey)))).resolves.toBeUndefined()
    })

    it('a status uri under a base the verifier did not configure: url_not_allowed, nothing fetched', async () => {
      const mark = files.log.length
      await expect(check({ status_list: { idx: 0, uri: `${files.url}/elsewhere/good` } })).rejects.toMatchObject({ code: 'url_not_allowed' })
      expect(files.log.length).toBe(mark)
    })
  })
})
