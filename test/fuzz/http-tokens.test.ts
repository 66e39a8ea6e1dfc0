// Crafted tokens over HTTP: proof JWTs at the issuer's credential endpoint and SD-JWT presentations at the verifier's
// direct_post endpoint, with deep JSON, prototype-named claims, oversized parts and forged headers. Each is a 4xx with
// a code; nothing is issued; the verifier records a rejection with no claim; nothing pollutes Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { SAMPLE_PID_CLAIMS } from '../support/verifier/index.ts'
import { accessToken, holderKey, nonce, proofJwt, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { FORM_CT, JSON_CT, MARKER_ID, MARKER_NAME, bearer, deepJson, expectCleanLogs, expectRejected, issuerRowCounts, send } from './http-harness.ts'

const b64 = (v: string | object): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

let issuer: RunningIssuer
let verifier: VerifierHarness

beforeAll(async () => {
  issuer = await startIssuer()
  verifier = await startVerifierHarness()
})
afterAll(async () => {
  expectCleanLogs(issuer.logs)
  expectCleanLogs(verifier.logs)
  await verifier.close()
  await issuer.close()
})

describe('issuer: crafted proof JWTs', () => {
  it('deep, huge, prototype-keyed and forged proof headers are 4xx and issue nothing', async () => {
    const token = await accessToken(issuer.url)
    const key = await holderKey()
    const n = await nonce(issuer.url)
    const valid = await proofJwt(key, { aud: issuer.url, nonce: n })
    const [, payload, sig] = valid.split('.')
    const headers = [
      deepJson(1000), `{"alg":"ES256","typ":"openid4vci-proof+jwt","jwk":${deepJson(1000, '{"a":', '}').replace(/}$/, '1}')}}`,
      JSON.stringify({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: { ...key.publicJwk, x: 'A'.repeat(3000) } }),
      `{"alg":"ES256","typ":"openid4vci-proof+jwt","__proto__":{"alg":"none"},"jwk":${JSON.stringify(key.publicJwk)}}`,
      JSON.stringify({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: { ...key.publicJwk, d: 'AAAA' } }),
      JSON.stringify({ alg: 'ES256', typ: 'openid4vci-proof+jwt', kid: MARKER_ID }),
      JSON.stringify({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.publicJwk, x5c: ['AAAA'], crit: ['b64'], b64: false }),
      JSON.stringify({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') } }),
      '{"alg":"ES256","alg":"none","typ":"openid4vci-proof+jwt"}', 'null', '[]', '"x"', '{',
    ]
    const proofs = [
      ...headers.map((h) => `${b64(h)}.${payload}.${sig}`),
      `${valid.split('.')[0]}.${b64(deepJson(1000))}.${sig}`,
      `${valid.split('.')[0]}.${b64({ aud: issuer.url, nonce: n, iat: 1e300, __proto__: { polluted: 1 } })}.${sig}`,
      `${valid}.extra`, `${valid.split('.').slice(0, 2).join('.')}.`, '..', `${valid.split('.')[0]}..${sig}`,
      `${b64('{"alg":"none","typ":"openid4vci-proof+jwt"}')}.${payload}.`,
    ]
    const before = issuerRowCounts(issuer.dataDir)
    for (const p of proofs) {
      const r = await send(issuer.url, { method: 'POST', path: '/credential', headers: { ...JSON_CT, ...bearer(token) }, body: JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [p] } }) })
      expectRejected(r, { status: [400, 401, 403], label: p.slice(0, 60) })
    }
    expect(issuerRowCounts(issuer.dataDir)).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // the access token and the nonce are still good: the valid proof is accepted
    const ok = await send(issuer.url, { method: 'POST', path: '/credential', headers: { ...JSON_CT, ...bearer(token) }, body: JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [valid] } }) })
    expect(ok.status).toBe(200)
  })
})

describe('verifier: crafted presentations', () => {
  /** A fresh age_over_18 session: its presentation id, request (nonce, state, client_id) and query id. */
  async function session() {
    const created = await verifier.createPresentation({ preset: 'age_over_18' })
    const request = await verifier.fetchRequest(created.json)
    const queryId = (request.dcql_query as { credentials: { id: string }[] }).credentials[0]?.id ?? ''
    return { id: created.json.id as string, request: request as unknown as { client_id: string; nonce: string; state: string }, queryId }
  }

  async function postPresentation(s: Awaited<ReturnType<typeof session>>, presentation: string) {
    return send(verifier.baseUrl, {
      method: 'POST', path: '/responses', headers: FORM_CT,
      body: new URLSearchParams({ state: s.request.state, vp_token: JSON.stringify({ [s.queryId]: [presentation] }) }).toString(),
    })
  }

  it('prototype-named claims (__proto__, constructor, hasOwnProperty) are over-disclosure at most, never pollution or 5xx', async () => {
    const claims = JSON.parse(`{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"hasOwnProperty":"x","toString":1,"age_over_18":true,"given_name":"${MARKER_NAME}","national_id":"${MARKER_ID}"}`) as Record<string, unknown>
    const sdJwt = await verifier.credential(claims)
    const choices: (ClaimsPath[] | 'all')[] = ['all', [['__proto__']], [['constructor']], [['hasOwnProperty'], ['age_over_18']]]
    for (const paths of choices) {
      const s = await session()
      const vp = await verifier.present(sdJwt, paths, s.request)
      const r = await postPresentation(s, vp)
      expectRejected(r, { label: JSON.stringify(paths) })
      const result = await verifier.result(s.id)
      expect(result.json.status).toBe('rejected')
      expect(JSON.stringify(result.json)).not.toContain(MARKER_ID)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('deep, oversized and malformed disclosures and KB-JWTs are 4xx and recorded without claims', async () => {
    const sdJwt = await verifier.credential({ ...SAMPLE_PID_CLAIMS, national_id: MARKER_ID })
    const s0 = await session()
    const valid = await verifier.present(sdJwt, [['age_over_18']], s0.request)
    const parts = valid.split('~')
    const jwt = parts[0] ?? ''
    const kb = parts.at(-1) ?? ''
    const mutations = [
      `${jwt}~${b64(`["salt","age_over_18",${deepJson(5000)}]`)}~${kb}`,
      `${jwt}~${b64(deepJson(5000))}~${kb}`,
      `${jwt}~${b64('["salt","__proto__",{"polluted":1}]')}~${kb}`,
      `${jwt}~${b64(['s', 'x'.repeat(30_000)])}~${kb}`,
      `${jwt}~${'~'.repeat(2000)}${kb}`,
      `${jwt}~${Array.from({ length: 500 }, () => b64('["s","a",1]')).join('~')}~${kb}`,
      `${jwt}~${parts[1] ?? ''}~${parts[1] ?? ''}~${kb}`,
      `${jwt}~${parts[1] ?? ''}~${b64(deepJson(2000))}.${kb.split('.')[1]}.${kb.split('.')[2]}`,
      `${jwt}~${parts[1] ?? ''}~${b64({ alg: 'none', typ: 'kb+jwt' })}.${kb.split('.')[1]}.`,
      `${b64({ alg: 'ES256', typ: 'dc+sd-jwt', __proto__: { polluted: 1 } })}.${jwt.split('.')[1]}.${jwt.split('.')[2]}~${parts[1] ?? ''}~${kb}`,
      `${jwt.split('.')[0]}.${b64(deepJson(3000))}.${jwt.split('.')[2]}~${kb}`,
      MARKER_ID, '~', '~~~~', `${jwt}`,
    ]
    for (const m of mutations) {
      const s = await session()
      const r = await postPresentation(s, m)
      expectRejected(r, { status: [400, 401, 403, 413], label: m.slice(0, 50) })
      const status = (await verifier.result(s.id)).json.status
      expect(['rejected', 'pending']).toContain(status) // oversized vp_token is refused before the session is touched
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
