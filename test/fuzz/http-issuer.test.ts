// Hostile HTTP against every issuer endpoint: wrong methods and content types, malformed and mistyped JSON, deep
// nesting, oversized bodies, duplicate form parameters, bad bearer tokens, hostile path params and queries.
// Every answer is a 4xx with a stable code, nothing is written, nothing secret is echoed or logged, and the issuer keeps answering.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportJWK, generateKeyPair } from 'jose'
import { ADMIN_TOKEN, PERSON, accessToken, holderKey, nonce, proofJwt, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import {
  FORM_CT, HOSTILE_SEGMENTS, HOSTILE_VALUES, JSON_CT, MALFORMED_JSON, MARKER_ID, MARKER_NAME, MARKER_TOKEN,
  bearer, deepJson, deepObjectJson, expectAlive, expectCleanLogs, expectRejected, issuerRowCounts, send,
} from './http-harness.ts'

let run: RunningIssuer
let token: string
const admin = { ...JSON_CT, ...bearer(ADMIN_TOKEN) }
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
/** Runs `attack`, then asserts no row was added to any table. */
async function writesNothing(attack: () => Promise<void>): Promise<void> {
  const before = issuerRowCounts(run.dataDir)
  await attack()
  expect(issuerRowCounts(run.dataDir)).toEqual(before)
}

const validPerson = { ...PERSON, national_id: MARKER_ID, given_name: MARKER_NAME }

/** Oracle of a valid display text: trimmed 1..max code points, no control, lone surrogate or bidi override. */
const isText = (v: unknown, max: number): boolean =>
  typeof v === 'string' && v.trim().length > 0 && [...v.trim()].length <= max && !/[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u.test(v)

beforeAll(async () => {
  run = await startIssuer()
  token = await accessToken(run.url)
})
afterAll(async () => {
  expectCleanLogs(run.logs, [token, ADMIN_TOKEN])
  await run.close()
})

const GET_ROUTES = [
  '/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server', '/.well-known/jwt-vc-issuer',
  '/.well-known/jwks.json', '/pki', '/pki/authority-root.pem', '/pki/registrar-root.pem',
]
const POST_ROUTES = ['/token', '/nonce', '/credential', '/admin/enrollments', '/admin/relying-parties', '/admin/keys/rotate']

describe('issuer: methods and routes', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('%s on every route is a JSON 404', async (method) => {
    for (const path of [...GET_ROUTES, ...POST_ROUTES, '/status-lists/1', '/admin/persons/p/revoke']) {
      expect(expectRejected(await send(run.url, { method, path, headers: admin, body: '{}' }))).toBe('not_found')
    }
  })

  it('GET on the POST routes is a JSON 404', async () => {
    for (const path of POST_ROUTES) expect(expectRejected(await send(run.url, { path, headers: bearer(ADMIN_TOKEN) }))).toBe('not_found')
  })

  it('POST on the GET routes is a JSON 404', async () => {
    for (const path of GET_ROUTES) expectRejected(await send(run.url, { method: 'POST', path, headers: JSON_CT, body: '{}' }))
  })

  it('hostile query strings are ignored on public routes and refused nowhere with a 5xx', async () => {
    const queries = ['?__proto__[x]=1', '?a=%zz', '?a=%', `?national_id=${MARKER_ID}`, '?a[b][c][d]=1&a=2', `?${'a=1&'.repeat(2000)}`]
    for (const q of queries) {
      for (const path of GET_ROUTES) expect((await send(run.url, { path: path + q })).status).toBe(200)
      const r = await send(run.url, { method: 'POST', path: `/token${q}`, headers: FORM_CT, body: '' })
      expectRejected(r)
    }
  })

  it('unknown and traversal paths are JSON 404s', async () => {
    for (const seg of HOSTILE_SEGMENTS) {
      expectRejected(await send(run.url, { path: `/${seg}` }))
      expectRejected(await send(run.url, { path: `/.well-known/${seg}` }))
      expectRejected(await send(run.url, { path: `/pki/${seg}` }))
    }
    await expectAlive(run.url, '/pki')
  })
})

describe('issuer: JSON endpoints', () => {
  const jsonRoutes = [
    { path: '/admin/enrollments', auth: () => admin },
    { path: '/admin/relying-parties', auth: () => admin },
    { path: '/credential', auth: () => ({ ...JSON_CT, ...bearer(token) }) },
  ]

  it.each(jsonRoutes)('$path: malformed JSON is 400 malformed_json and writes nothing', async ({ path, auth }) => {
    await writesNothing(async () => {
      for (const body of MALFORMED_JSON) expect(expectRejected(await send(run.url, { method: 'POST', path, headers: auth(), body }))).toBe('malformed_json')
    })
  })

  it.each(jsonRoutes)('$path: wrong or missing content types are 4xx', async ({ path, auth }) => {
    const body = JSON.stringify(validPerson)
    await writesNothing(async () => {
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=utf-16', 'application/json; charset=koi8-r']) {
        const headers: Record<string, string> = { ...auth(), 'content-type': ct }
        if (ct === '') delete headers['content-type']
        expectRejected(await send(run.url, { method: 'POST', path, headers, body }))
      }
      for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip']) {
        expectRejected(await send(run.url, { method: 'POST', path, headers: { ...auth(), 'content-encoding': encoding }, body: '{"a":1}' }))
      }
    })
  })

  it.each(jsonRoutes)('$path: non-object JSON and 10k-deep nesting are 400', async ({ path, auth }) => {
    await writesNothing(async () => {
      for (const body of ['null', '[]', '0', '"x"', 'true', deepJson(10_000), deepObjectJson(10_000), deepJson(10_000, '{"a":[', ']}')]) {
        expectRejected(await send(run.url, { method: 'POST', path, headers: auth(), body }), { status: [400, 413] })
      }
    })
  })

  it.each(jsonRoutes)('$path: a body over the limit is 413 body_too_large', async ({ path, auth }) => {
    const body = JSON.stringify({ national_id: MARKER_ID, given_name: MARKER_NAME, pad: 'x'.repeat(200_000) })
    expect(expectRejected(await send(run.url, { method: 'POST', path, headers: auth(), body }), { status: 413 })).toBe('body_too_large')
  })

  it('enrollments: every field with every hostile value is 400 and writes nothing', async () => {
    await writesNothing(async () => {
      for (const field of ['national_id', 'family_name', 'given_name', 'address']) {
        for (const v of HOSTILE_VALUES) {
          if (field === 'national_id' ? v === MARKER_ID : field === 'address' ? JSON.stringify(v) === '{}' : isText(v, 64)) continue // valid values
          const body = JSON.stringify({ ...validPerson, [field]: v })
          expectRejected(await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body }), { status: [400, 413], label: field })
        }
      }
      for (const v of HOSTILE_VALUES) {
        const body = JSON.stringify({ ...validPerson, address: { province: v, city: MARKER_NAME } })
        if (isText(v, 64)) continue // a valid province
        expectRejected(await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body }), { status: [400, 413] })
      }
    })
  })

  it('enrollments: prototype keys and unknown keys are refused without echoing secret-looking key names', async () => {
    await writesNothing(async () => {
      const bodies = [
        `{"__proto__":{"national_id":"${MARKER_ID}"},"family_name":"A","given_name":"B"}`,
        `{"constructor":{"prototype":{"x":1}},"national_id":"${MARKER_ID}","family_name":"A","given_name":"B"}`,
        `{"national_id":"${MARKER_ID}","family_name":"A","given_name":"B","${MARKER_ID}":1}`,
        `{"national_id":"${MARKER_ID}","family_name":"A","given_name":"B","${MARKER_NAME}${'k'.repeat(5000)}":1}`,
        `{"national_id":"${MARKER_ID}","family_name":"A","given_name":"B","address":{"${MARKER_ID}":"x"}}`,
        `{"national_id":"${MARKER_ID}","national_id":["${MARKER_ID}"],"family_name":"A","given_name":"B"}`,
      ]
      for (const body of bodies) {
        const r = await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body })
        expectRejected(r, { status: 400 })
        expect(r.text.length).toBeLessThan(1000)
      }
      expect(({} as Record<string, unknown>).national_id).toBeUndefined()
    })
  })

  it('enrollments: an ID number failing a rule names the rule, not the number', async () => {
    const bad = [MARKER_ID.slice(0, 17) + (MARKER_ID.endsWith('0') ? '1' : '0'), MARKER_ID.slice(0, 6) + '99991399' + MARKER_ID.slice(14), `${MARKER_ID} `, `\u200b${MARKER_ID}`]
    await writesNothing(async () => {
      for (const id of bad) {
        const r = await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body: JSON.stringify({ ...validPerson, national_id: id }) })
        expect(['invalid_national_id', 'invalid_request']).toContain(expectRejected(r, { status: 400, secrets: [id.trim(), id.slice(0, 17)] }))
      }
    })
  })

  it('relying parties: hostile fields are 400 and write nothing', async () => {
    const { publicKey } = await generateKeyPair('ES256')
    const jwk = await exportJWK(publicKey)
    const valid = { name: MARKER_NAME, purpose: 'p', allowed_claims: [['age_over_18']], request_signing_jwk: jwk }
    await writesNothing(async () => {
      for (const field of Object.keys(valid)) {
        for (const v of HOSTILE_VALUES) {
          if (isText(v, field === 'name' ? 128 : 512) && (field === 'name' || field === 'purpose')) continue
          const r = await send(run.url, { method: 'POST', path: '/admin/relying-parties', headers: admin, body: JSON.stringify({ ...valid, [field]: v }) })
          expectRejected(r, { status: [400, 413], label: `${field} ${JSON.stringify(v).slice(0, 40)}` })
        }
      }
      const jwks = [{ ...jwk, d: 'AAAA' }, { ...jwk, crv: 'P-384' }, { kty: 'oct', k: MARKER_TOKEN }, { ...jwk, x: MARKER_TOKEN }, { kty: 'RSA', n: 'x'.repeat(10_000), e: 'AQAB' }]
      for (const j of jwks) {
        const r = await send(run.url, { method: 'POST', path: '/admin/relying-parties', headers: admin, body: JSON.stringify({ ...valid, request_signing_jwk: j }) })
        expectRejected(r, { status: 400, secrets: [MARKER_TOKEN], label: JSON.stringify(j).slice(0, 60) })
      }
      for (const claims of [[[]], [['a', -1]], [[1.5]], Array.from({ length: 100 }, () => ['a']), [Array.from({ length: 1000 }, () => 'a')], [[{ a: 1 }]]]) {
        const r = await send(run.url, { method: 'POST', path: '/admin/relying-parties', headers: admin, body: JSON.stringify({ ...valid, allowed_claims: claims }) })
        expectRejected(r, { status: 400, label: JSON.stringify(claims).slice(0, 60) })
      }
    })
  })

  it('names with controls, lone surrogates or bidi overrides are refused; combining marks and emoji are kept', async () => {
    await writesNothing(async () => {
      for (const name of [`${MARKER_NAME}\u0000`, `${MARKER_NAME}\ud800`, `\udc00${MARKER_NAME}`, `${MARKER_NAME}\u202egnp.exe`, `${MARKER_NAME}\u2067x`, `${MARKER_NAME}\n\rx`, `${MARKER_NAME}\u0085`]) {
        for (const field of ['family_name', 'given_name']) {
          const r = await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body: JSON.stringify({ ...validPerson, [field]: name }) })
          expect(expectRejected(r, { status: 400 })).toBe('invalid_request')
        }
      }
    })
    const r = await send(run.url, { method: 'POST', path: '/admin/enrollments', headers: admin, body: JSON.stringify({ ...validPerson, given_name: 'Ze\u0301\u200dna \u{1F600}' }) })
    expect(r.status).toBe(201)
  })

  it('relying parties: a name read as a distinguished name or not well-formed is 400, never 500', async () => {
    const jwk = await exportJWK((await generateKeyPair('ES256')).publicKey)
    await writesNothing(async () => {
      for (const name of ['a=b,c', 'Zz=1', 'CN=Real Bank,O=Government', 'C=ZZZZ', 'OU=', `${MARKER_NAME}\ud800`, `${MARKER_NAME}\u0000.evil`, `${MARKER_NAME}\u202e`]) {
        const body = JSON.stringify({ name, purpose: 'p', allowed_claims: [['age_over_18']], request_signing_jwk: jwk })
        expect(expectRejected(await send(run.url, { method: 'POST', path: '/admin/relying-parties', headers: admin, body }), { status: 400 })).toBe('invalid_request')
      }
    })
  })

  it('credential: hostile fields and proofs are 4xx and issue nothing', async () => {
    const key = await holderKey()
    const proof = await proofJwt(key, { aud: run.url, nonce: await nonce(run.url) })
    const valid = { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [proof] } }
    await writesNothing(async () => {
      for (const field of ['credential_configuration_id', 'proofs', 'credential_identifier', 'proof']) {
        for (const v of HOSTILE_VALUES) {
          if (field === 'proof' && v === null) continue // null `proof` counts as absent
          const r = await send(run.url, { method: 'POST', path: '/credential', headers: { ...JSON_CT, ...bearer(token) }, body: JSON.stringify({ ...valid, [field]: v }) })
          expectRejected(r)
        }
      }
      for (const jwt of [[], [null], [1], ['x'.repeat(20_000)], Array.from({ length: 50 }, () => proof), [`${proof}.${MARKER_TOKEN}`], { a: [proof] }]) {
        const r = await send(run.url, { method: 'POST', path: '/credential', headers: { ...JSON_CT, ...bearer(token) }, body: JSON.stringify({ ...valid, proofs: { jwt } }) })
        expectRejected(r)
      }
    })
  })

  it('credential: bad bearer tokens are 4xx and issue nothing', async () => {
    const key = await holderKey()
    const body = JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [await proofJwt(key, { aud: run.url, nonce: await nonce(run.url) })] } })
    const auths = ['', 'Bearer', 'Bearer ', `Bearer  ${token}`, `bearer ${token}`, `Basic ${token}`, `Bearer ${MARKER_TOKEN}`, `Bearer ${token}x`, `Bearer ${token} ${token}`,
      `Bearer ${'A'.repeat(14_000)}`, `DPoP ${token}`, `Bearer ${token}\u0000`.replace('\u0000', '%00'), `Bearer ${MARKER_ID}`]
    await writesNothing(async () => {
      for (const a of auths) {
        const r = await send(run.url, { method: 'POST', path: '/credential', headers: { ...JSON_CT, authorization: a }, body })
        expectRejected(r, { secrets: [MARKER_TOKEN, token] })
      }
    })
  })
})

describe('issuer: token endpoint (form)', () => {
  const post = (body: string, headers: Record<string, string> = FORM_CT) => send(run.url, { method: 'POST', path: '/token', headers, body })

  it('duplicate, mistyped, badly encoded and oversized parameters are 4xx and issue no token', async () => {
    const code = `pre-authorized_code=${MARKER_TOKEN}`
    const bodies = [
      '', 'grant_type', '=', '&&&', `grant_type=${PRE_AUTH}&grant_type=${PRE_AUTH}&${code}&tx_code=1`,
      `grant_type=${PRE_AUTH}&${code}&${code}&tx_code=1`, `grant_type=${PRE_AUTH}&${code}&tx_code=1&tx_code=2`,
      `grant_type=%zz&${code}`, `grant_type=%&${code}`, `grant_type=${PRE_AUTH}&pre-authorized_code=%E0%A4%A&tx_code=%ff`,
      `grant_type=${PRE_AUTH}&pre-authorized_code=${'a'.repeat(10_000)}&tx_code=1`, `grant_type=${PRE_AUTH}&${code}&tx_code=${'9'.repeat(100)}`,
      `grant_type[]=${PRE_AUTH}&${code}`, `__proto__=1&constructor=2&${code}`, 'a=1&'.repeat(100), `grant_type=${PRE_AUTH}&${code}&tx_code=%00%00`,
      `grant_type=${encodeURIComponent('\u202e')}&${code}`, `grant_type=${PRE_AUTH}&pre-authorized_code=${MARKER_ID}%ED%A0%80&tx_code=123456`,
    ]
    await writesNothing(async () => {
      for (const body of bodies) expectRejected(await post(body), { secrets: [MARKER_TOKEN] })
    })
  })

  it('JSON, multipart, missing content types and oversized forms are 4xx', async () => {
    const form = `grant_type=${PRE_AUTH}&pre-authorized_code=${MARKER_TOKEN}&tx_code=123456`
    for (const ct of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', '']) {
      const headers: Record<string, string> = ct ? { 'content-type': ct } : {}
      expectRejected(await post(ct === 'application/json' ? JSON.stringify({ grant_type: PRE_AUTH, 'pre-authorized_code': MARKER_TOKEN }) : form, headers), { secrets: [MARKER_TOKEN] })
    }
    expect(expectRejected(await post(`${form}&pad=${'x'.repeat(200_000)}`), { status: 413 })).toBe('body_too_large')
    expectRejected(await post(form, { ...FORM_CT, 'content-encoding': 'gzip' }))
  })

  it('fast-check: arbitrary parameter lists (duplicates, any unicode) are 4xx', async () => {
    const name = fc.oneof(fc.constantFrom('grant_type', 'pre-authorized_code', 'tx_code', '__proto__'), fc.string({ maxLength: 10 }))
    const value = fc.oneof(fc.constant(PRE_AUTH), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constant(MARKER_TOKEN))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 8 }), async (pairs) => {
        const body = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        expectRejected(await post(body), { secrets: [MARKER_TOKEN] })
      }),
      { numRuns: 40 },
    )
  })
})

describe('issuer: admin path parameters and auth', () => {
  it('hostile person and credential ids are 4xx JSON for every action', async () => {
    await writesNothing(async () => {
      for (const seg of HOSTILE_SEGMENTS) {
        for (const path of [`/admin/persons/${seg}/revoke`, `/admin/persons/${seg}/suspend`, `/admin/credentials/${seg}/reinstate`, `/admin/credentials/${seg}/revoke`]) {
          expectRejected(await send(run.url, { method: 'POST', path, headers: admin }))
        }
        expectRejected(await send(run.url, { path: `/admin/persons/${seg}/credentials`, headers: admin }))
        expectRejected(await send(run.url, { path: `/status-lists/${seg}` }))
      }
    })
    await expectAlive(run.url, '/.well-known/jwks.json')
  })

  it('fast-check: arbitrary path params are 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), fc.constantFrom('persons', 'credentials'), fc.constantFrom('revoke', 'suspend', 'reinstate'), async (s, kind, action) => {
        const r = await send(run.url, { method: 'POST', path: `/admin/${kind}/${encodeURIComponent(s)}/${action}`, headers: admin })
        expectRejected(r)
      }),
      { numRuns: 40 },
    )
  })

  it('big headers within Node limits and many headers are handled', async () => {
    const headers: Record<string, string> = { ...admin, 'x-pad': 'p'.repeat(12_000), 'x-name': MARKER_NAME }
    for (let i = 0; i < 100; i++) headers[`x-h${i}`] = MARKER_ID
    expectRejected(await send(run.url, { method: 'POST', path: '/admin/enrollments', headers, body: '{}' }), { status: 400 })
    expect((await send(run.url, { path: '/pki', headers })).status).toBe(200)
  })
})

describe('issuer: admin bearer (separate instance: failures are rate limited per IP)', () => {
  it('bad admin tokens are 401 then 429, never echoed, and write nothing', async () => {
    const other = await startIssuer()
    try {
      const auths = ['', 'Bearer', `Bearer ${MARKER_TOKEN}`, `bearer ${ADMIN_TOKEN}`, `Bearer  ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`, `Basic ${ADMIN_TOKEN}`,
        `Bearer ${'Z'.repeat(14_000)}`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, `Bearer ${MARKER_ID}`, `Bearer ${encodeURIComponent('\u00e9')}`]
      const codes = new Set<string>()
      for (let i = 0; i < 25; i++) {
        const a = auths[i % auths.length] ?? ''
        const r = await send(other.url, { method: 'POST', path: '/admin/enrollments', headers: { ...JSON_CT, authorization: a }, body: JSON.stringify(validPerson) })
        codes.add(expectRejected(r, { secrets: [MARKER_TOKEN, ADMIN_TOKEN] }))
      }
      expect([...codes].sort()).toEqual(['rate_limited', 'unauthorized'])
      // a spoofed X-Forwarded-For does not buy a fresh budget (trust proxy is off by default)
      for (const xff of ['10.0.0.1', '127.0.0.2, 10.0.0.3', MARKER_ID, 'unknown']) {
        const r = await send(other.url, { method: 'POST', path: '/admin/enrollments', headers: { ...admin, 'x-forwarded-for': xff, forwarded: `for=${xff}` }, body: JSON.stringify(validPerson) })
        expect(expectRejected(r, { status: 429 })).toBe('rate_limited')
      }
      expect(other.logs.join('')).not.toContain(MARKER_TOKEN)
      await expectAlive(other.url, '/pki')
    } finally {
      await other.close()
    }
  })
})

describe('issuer: still serving after all of it', () => {
  it('enrolls, answers metadata and issues a token', async () => {
    await expectAlive(run.url, '/.well-known/openid-credential-issuer')
    expect(await accessToken(run.url)).toMatch(/^[A-Za-z0-9_-]+$/)
  })
})
