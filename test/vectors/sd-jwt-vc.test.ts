// SD-JWT VC vectors (../shared/vectors/sd-jwt-vc): the draft's examples verified (issuer key by kid from the printed JWKS),
// their digests, their generator inputs round-tripped, and the claim-path examples answered by our presentations.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSigningKey, importSigningKey } from '../../shared/keys/index.ts'
import type { JWK } from '../../shared/keys/index.ts'
import { issueSdJwt, presentSdJwt, sha256B64u, verifySdJwt } from '../../shared/sdjwt/index.ts'
import type { ClaimsPath, DisclosureFrame, IssuerJwtHeader, VerifySdJwtOptions } from '../../shared/sdjwt/index.ts'
import { claimsAndFrame, holderPaths, loadSpec } from './sd-jwt-spec-yaml.ts'

const dir = new URL('../../../shared/vectors/sd-jwt-vc/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/sd-jwt-vc absent: SD-JWT VC vector tests skipped')

const url = (p: string) => new URL(p, dir)
const json = (p: string): unknown => JSON.parse(readFileSync(url(p), 'utf8'))
const text = (p: string) => readFileSync(url(p), 'utf8').trim()
const has = (p: string) => existsSync(url(p))

interface Keys { issuer: { public_jwk: JWK }; holder: { private_jwk: JWK }; key_binding_nonce: string; [k: string]: unknown }
const keys = present ? (json('keys/keys.json') as Keys) : undefined
const jwks = present ? (json('inline/example-metadata-jwks.body.json') as { jwks: { keys: (JWK & { kid: string })[] } }).jwks.keys : []
const AUD = keys ? (keys['verifier_identifier (KB-JWT aud)'] as string) : ''
const examples = present ? readdirSync(url('examples'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : []
const REGISTERED = ['iss', 'iat', 'exp', 'nbf', 'cnf', 'vct', 'status']
const counts = { presentations: 0, issuances: 0, digests: 0, specs: 0, paths: 0 }
const omit = (o: Record<string, unknown>, names: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)))
const pick = (o: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((n) => n in o).map((n) => [n, o[n]]))

/** The issuer key: by kid from the draft's JWT VC Issuer Metadata JWKS, else the published issuer key. */
async function resolveIssuerKey(header: IssuerJwtHeader): Promise<JWK> {
  if (header.kid !== undefined) {
    const k = jwks.find((j) => j.kid === header.kid)
    if (k === undefined) throw new Error('unknown kid')
    return k
  }
  return (keys as Keys).issuer.public_jwk
}

function opts(name: string, kb: { iat: number } | undefined, payload: { vct?: string; iat?: number }): VerifySdJwtOptions {
  return {
    now: kb?.iat ?? (payload.iat ?? 0) + 1,
    resolveIssuerKey,
    keyBinding: kb ? { aud: AUD, nonce: (keys as Keys).key_binding_nonce } : false,
    expectedVct: payload.vct,
  }
}

/** DCQL claims-path processing over a processed credential (SD-JWT VC "Claim Path"). */
function selectByPath(claims: unknown, path: ClaimsPath): unknown[] {
  let sel: unknown[] = [claims]
  for (const c of path) {
    sel = sel.flatMap((v) => {
      if (c === null) return Array.isArray(v) ? v : []
      if (typeof c === 'number') return Array.isArray(v) && c < v.length ? [v[c]] : []
      return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, c) ? [(v as Record<string, unknown>)[c]] : []
    })
  }
  return sel
}

/** A frame making every property (except vct) and every array element disclosable, recursively. */
function frameAll(v: unknown, root = true): DisclosureFrame | undefined {
  if (Array.isArray(v)) {
    const f: DisclosureFrame = { _sd: v.map((_, i) => i) }
    v.forEach((el, i) => { const sub = frameAll(el, false); if (sub) f[String(i)] = sub })
    return f
  }
  if (typeof v === 'object' && v !== null) {
    const names = Object.keys(v).filter((k) => !(root && REGISTERED.includes(k)))
    const f: DisclosureFrame = { _sd: names }
    for (const k of names) { const sub = frameAll((v as Record<string, unknown>)[k], false); if (sub) f[k] = sub }
    return f
  }
  return undefined
}

describe.skipIf(!present)('SD-JWT VC vectors', () => {
  afterAll(() => console.log(`sd-jwt-vc vectors: ${counts.presentations} presentations, ${counts.issuances} issuances, ${counts.digests} disclosure digests, ${counts.specs} generator inputs, ${counts.paths} claim-path cases checked`))

  it('finds the examples', () => expect(examples.length).toBeGreaterThan(0))

  describe('presentations verify (typ dc+sd-jwt, vct, KB-JWT) and process to verified_contents.json', () => {
    for (const name of examples.filter((n) => has(`examples/${n}/sd_jwt_presentation.txt`))) {
      it(name, async () => {
        const payload = json(`examples/${name}/sd_jwt_payload.json`) as { vct?: string; iat?: number }
        const kb = has(`examples/${name}/kb_jwt_payload.json`) ? (json(`examples/${name}/kb_jwt_payload.json`) as { iat: number }) : undefined
        const v = await verifySdJwt(text(`examples/${name}/sd_jwt_presentation.txt`), opts(name, kb, payload))
        expect(v.claims).toEqual(json(`examples/${name}/verified_contents.json`))
        expect(v.header).toEqual(json(`examples/${name}/sd_jwt_header.json`))
        if (kb) expect(v.keyBinding?.payload).toEqual(kb)
        counts.presentations++
      })
    }
  })

  describe('issuances verify and process to the user claims', () => {
    for (const name of examples.filter((n) => has(`examples/${n}/sd_jwt_issuance.txt`))) {
      it(name, async () => {
        const payload = json(`examples/${name}/sd_jwt_payload.json`) as Record<string, unknown> & { vct?: string; iat?: number }
        const v = await verifySdJwt(text(`examples/${name}/sd_jwt_issuance.txt`), opts(name, undefined, payload))
        expect(v.claims).toEqual({ ...(json(`examples/${name}/user_claims.json`) as Record<string, unknown>), ...pick(payload, REGISTERED) })
        counts.issuances++
      })
    }
  })

  it('every printed disclosure hashes to its printed digest', () => {
    for (const name of examples.filter((n) => has(`examples/${n}/disclosures.json`))) {
      for (const d of json(`examples/${name}/disclosures.json`) as { disclosure: string; digest_sha256: string }[]) {
        expect(sha256B64u(d.disclosure)).toBe(d.digest_sha256)
        counts.digests++
      }
    }
    expect(counts.digests).toBeGreaterThan(0)
  })

  describe('generator inputs: issued, presented with KB-JWT and verified by us', () => {
    for (const name of examples.filter((n) => has(`examples/${n}/specification.yml`))) {
      it(name, async () => {
        const spec = loadSpec(url(`examples/${name}/specification.yml`))
        const { value, frame } = claimsAndFrame(spec.user_claims)
        const issuer = await generateSigningKey('ES256')
        const holder = await importSigningKey((keys as Keys).holder.private_jwk, 'ES256')
        const payload: Record<string, unknown> = { iss: 'https://example.com/issuer', iat: 1_700_000_000, ...(value as Record<string, unknown>), cnf: { jwk: holder.publicJwk } }
        const token = await issueSdJwt({ payload, frame: frame ?? {}, signer: { alg: 'ES256', privateKey: issuer.privateKey } })
        const kb = { privateKey: holder.privateKey, alg: 'ES256' as const, aud: AUD, nonce: 'n', iat: 1_700_000_000 }
        const vopts: VerifySdJwtOptions = { now: 1_700_000_000, resolveIssuerKey: async () => issuer.publicJwk, keyBinding: { aud: AUD, nonce: 'n' }, expectedVct: payload.vct as string }
        expect((await verifySdJwt(await presentSdJwt(token, 'all', kb), vopts)).claims).toEqual(payload)
        const chosen = await verifySdJwt(await presentSdJwt(token, holderPaths(spec.holder_disclosed_claims), kb), vopts)
        expect(omit(chosen.claims, REGISTERED)).toEqual(omit(json(`examples/${name}/verified_contents.json`) as Record<string, unknown>, REGISTERED))
        counts.specs++
      })
    }
  })

  describe('claim-path examples: presenting exactly a path lets the verifier select the expected values', () => {
    const file = present ? (json('inline/claim_path_cases.json') as { cases: { path: ClaimsPath; expected_selected: unknown[] }[]; error_cases_derived_from_rules?: { path: ClaimsPath; expected_selected?: unknown[] }[] }) : undefined
    const cases = [...(file?.cases ?? []), ...(file?.error_cases_derived_from_rules ?? []).filter((c) => c.expected_selected !== undefined)] as { path: ClaimsPath; expected_selected: unknown[] }[]
    it('finds the cases', () => expect(cases.length).toBeGreaterThan(0))
    for (const c of cases) {
      it(JSON.stringify(c.path), async () => {
        const credential = json('inline/example-credential-for-claim-path.json') as Record<string, unknown>
        const issuer = await generateSigningKey('ES256')
        const token = await issueSdJwt({ payload: credential, frame: frameAll(credential) ?? {}, signer: { alg: 'ES256', privateKey: issuer.privateKey } })
        const v = await verifySdJwt(await presentSdJwt(token, [c.path]), { now: 1_700_000_000, resolveIssuerKey: async () => issuer.publicJwk, keyBinding: false })
        expect(selectByPath(v.claims, c.path)).toEqual(c.expected_selected)
        // nothing beyond the path and its parents is disclosed
        // (verified array indices count only disclosed elements, so any index matches a number or null here)
        for (const p of v.disclosedPaths) {
          for (let i = 0; i < Math.min(p.length, c.path.length); i++) {
            const want = c.path[i]
            expect(typeof want === 'string' ? p[i] === want : typeof p[i] === 'number').toBe(true)
          }
        }
        counts.paths++
      })
    }
  })
})
