// The registration desk page (issuer /desk) over real HTTP: sign-in with the admin token (HttpOnly, SameSite=Strict
// cookie), CSRF token required on every form, enrollment refusing an invalid ID number with the rule that failed (in
// English and Chinese), the offer QR code and tx_code, a person's credentials with suspend / reinstate / revoke, and
// registering a service with its claims, origins and callback.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCharacter, generateResidentId } from '../../shared/cnid/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { startIssuer } from '../../scripts/lib/stack.ts'
import type { RunningIssuer } from '../../scripts/lib/stack.ts'
import { ADMIN_TOKEN, capturedLogger, issueDirectly } from './flow-fixtures.ts'

let root = ''
let issuer: RunningIssuer
let cookie = ''
let csrf = ''

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'eid-desk-'))
  issuer = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: root, adminToken: ADMIN_TOKEN, logger: capturedLogger([]) })
})
afterAll(async () => {
  await issuer?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> => {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
  return fetch(`${issuer.url}${path}`, { method: 'POST', body, headers, redirect: 'manual' })
}
const signedIn = (extra: Record<string, string> = {}): Record<string, string> => ({ cookie, ...extra })
const withOneChange = (id: string, at: number): string => id.slice(0, at) + String((Number(id[at]) + 1) % 10) + id.slice(at + 1)

describe('registration desk: sign-in', () => {
  it('wrong desk sign-ins count against the admin API\'s per-IP limit: after twenty, both answer 429 rate_limited even to the right token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eid-desk-limit-'))
    const own = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: dir, adminToken: ADMIN_TOKEN, logger: capturedLogger([]) })
    try {
      const login = (token: string) => fetch(`${own.url}/desk/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' })
      for (let i = 0; i < 20; i++) expect((await login(`wrong-${i}`)).status).toBe(401)
      const desk = await login(ADMIN_TOKEN)
      expect([desk.status, ((await desk.json()) as { code: string }).code]).toEqual([429, 'rate_limited'])
      const api = await fetch(`${own.url}/admin/enrollments`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' })
      expect([api.status, ((await api.json()) as { code: string }).code]).toEqual([429, 'rate_limited'])
    } finally {
      await own.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('shows the sign-in form without a session, refuses a wrong token, and signs in with the admin token', async () => {
    const page = await (await fetch(`${issuer.url}/desk`)).text()
    expect(page).toContain('action="/desk/login"')
    const wrong = await post('/desk/login', { token: 'not-the-admin-token' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Wrong token.')
    const ok = await post('/desk/login', { token: ADMIN_TOKEN })
    expect(ok.status).toBe(303)
    const set = ok.headers.get('set-cookie') ?? ''
    expect(set).toMatch(/^desk_session=[\w-]{43}; Path=\/desk; HttpOnly; SameSite=Strict$/)
    cookie = set.split(';')[0] as string
    const desk = await (await fetch(`${issuer.url}/desk`, { headers: signedIn() })).text()
    csrf = /name="csrf" value="([\w-]+)"/.exec(desk)?.[1] ?? ''
    expect(csrf).toHaveLength(43)
    expect(desk).toContain('id="national_id"')
  })

  it('refuses an admin action without a session (unauthorized) and without or with a wrong CSRF token (forbidden)', async () => {
    const form = { national_id: generateResidentId(), family_name: 'Li', given_name: 'Lei' }
    const noSession = await post('/desk/enroll', { ...form, csrf })
    expect(noSession.status).toBe(401)
    expect(((await noSession.json()) as { code: string }).code).toBe('unauthorized')
    const noCsrf = await post('/desk/enroll', form, signedIn())
    expect(noCsrf.status).toBe(403)
    expect(((await noCsrf.json()) as { code: string }).code).toBe('forbidden')
    const wrongCsrf = await post('/desk/enroll', { ...form, csrf: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, signedIn())
    expect(((await wrongCsrf.json()) as { code: string }).code).toBe('forbidden')
    for (const path of ['/desk/person/someone/revoke', '/desk/person/someone/credentials/c1/suspend', '/desk/services']) {
      expect(((await (await post(path, { csrf })).json()) as { code: string }).code).toBe('unauthorized')
      expect(((await (await post(path, {}, signedIn())).json()) as { code: string }).code).toBe('forbidden')
    }
  })
})

describe('registration desk: enrollment', () => {
  const refused = async (nationalId: string, lang: string): Promise<string> => {
    const res = await post('/desk/enroll', { csrf, national_id: nationalId, family_name: 'Li', given_name: 'Lei' }, signedIn({ 'accept-language': lang }))
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain(`value="${nationalId}"`) // the form keeps what was typed
    return /<p class="msg err" role="alert" id="error">([^<]+)<\/p>/.exec(page)?.[1] ?? ''
  }

  it('names the failed rule of an invalid ID number, in English and in Chinese', async () => {
    const good = generateResidentId()
    const badCheck = good.slice(0, 17) + (checkCharacter(good.slice(0, 17)) === '1' ? '2' : '1')
    expect(await refused(badCheck, 'en')).toBe('The check character (the last one) does not match: check the number.')
    expect(await refused(badCheck, 'zh-CN,zh')).toBe('校验码（最后一位）不正确，请核对号码。')
    const badDate = `${good.slice(0, 10)}1341${good.slice(14, 17)}`
    expect(await refused(badDate + checkCharacter(badDate), 'en')).toBe('Characters 7 to 14 are not a valid birthdate.')
    const badRegion = `00${good.slice(2, 17)}`
    expect(await refused(badRegion + checkCharacter(badRegion), 'en')).toBe('The first two digits are not a province code (GB/T 2260).')
    expect(await refused(good.slice(0, 17), 'zh-CN')).toBe('身份证号码必须是 18 位。')
    expect(await refused(withOneChange(good, 3).slice(0, 17) + 'Y', 'en')).toBe('The first 17 characters must be digits, the last a digit or X.')
  })

  it('enrolls a valid person: the offer as a QR code, the tx_code, and the person page with actions on the credentials', async () => {
    const person = { national_id: generateResidentId(), family_name: 'Li', given_name: 'Lei' }
    const res = await post('/desk/enroll', { csrf, ...person }, signedIn())
    expect(res.status).toBe(201)
    const page = await res.text()
    expect(page).toContain('<img class="qr" id="offer-qr" alt="QR" src="data:image/svg+xml;base64,')
    expect(page).toMatch(/<p class="code" id="tx-code">\d{6}<\/p>/)
    expect(page).toMatch(/<code id="offer-uri">openid-credential-offer:\/\//)
    const personId = /id="person-link" href="\/desk\/person\?id=([^"]+)"/.exec(page)?.[1] ?? ''
    expect(personId).not.toBe('')

    const empty = await (await fetch(`${issuer.url}/desk/person?id=${personId}`, { headers: signedIn() })).text()
    expect(empty).toContain('No credentials issued yet.')

    await issueDirectly(issuer.url, person, 2, Math.floor(Date.now() / 1000))
    const listed = await (await fetch(`${issuer.url}/desk/person?id=${personId}`, { headers: signedIn() })).text()
    const ids = [...listed.matchAll(/action="\/desk\/person\/[^/]+\/credentials\/([^/]+)\/revoke"/g)].map((m) => m[1] as string)
    expect(ids).toHaveLength(2)

    const suspended = await post(`/desk/person/${personId}/credentials/${ids[0]}/suspend`, { csrf }, signedIn())
    expect(suspended.status).toBe(200)
    expect(await suspended.text()).toContain(`Done: Suspend ${ids[0]}`)
    expect(await (await post(`/desk/person/${personId}/credentials/${ids[0]}/reinstate`, { csrf }, signedIn())).text()).toContain('Done: Reinstate')
    expect(await (await post(`/desk/person/${personId}/revoke`, { csrf }, signedIn())).text()).toContain('Done: Revoke')
    // revoked is final: reinstating is refused with the code
    expect(await (await post(`/desk/person/${personId}/credentials/${ids[1]}/reinstate`, { csrf }, signedIn())).text()).toContain('status_change_not_allowed')
    // a credential id that is not this person's is refused
    const other = await post(`/desk/person/${personId}/credentials/not-hers/revoke`, { csrf }, signedIn())
    expect(((await other.json()) as { code: string }).code).toBe('not_found')
  })
})

describe('registration desk: services', () => {
  it('registers a service with its claims, origins and callback, and refuses a callback that is not https', async () => {
    const key = await generateSigningKey('ES256')
    const form = { csrf, name: 'Corner Shop', purpose: 'Sells wine only to adults', claims: ['age_over_18', 'region'], origins: 'https://corner.example', jwk: JSON.stringify(key.publicJwk) }
    const res = await post('/desk/services', { ...form, callback: 'https://corner.example/eid-webhook' }, signedIn())
    expect(res.status).toBe(201)
    const page = await res.text()
    const json = JSON.parse((/<pre id="registration">([\s\S]+?)<\/pre>/.exec(page)?.[1] ?? '{}').replaceAll('&#34;', '"')) as Record<string, unknown>
    expect(json.client_id).toMatch(/^x509_hash:/)
    expect(json.callback).toBe('https://corner.example/eid-webhook')
    expect(json.origins).toEqual(['https://corner.example'])
    const bad = await post('/desk/services', { ...form, callback: 'http://corner.example/hook' }, signedIn())
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Failed: invalid_request')
  })
})
