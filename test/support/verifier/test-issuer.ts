// Test fixture: an SD-JWT VC issuer on 127.0.0.1 (ephemeral port) publishing `/.well-known/jwt-vc-issuer`, issuing PID-shaped credentials.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateSigningKey } from '../../../shared/keys/index.ts'
import type { JWK, SigningKey } from '../../../shared/keys/index.ts'
import { PID_VCT } from '../../../shared/pid/index.ts'
import { issueSdJwt } from '../../../shared/sdjwt/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE, encodeStatusList, signStatusListToken } from '../../../shared/status-list/index.ts'
import type { DisclosureFrame } from '../../../shared/sdjwt/index.ts'

export interface TestIssuer {
  /** Issuer identifier (`iss`), `http://127.0.0.1:<port>`. */
  issuer: string
  key: SigningKey
  /** Number of metadata fetches served (cache tests). */
  fetches(): number
  /** `status` claim value for index `idx` of the issuer's one status list (2-bit, 1024 entries). */
  statusClaim(idx: number): { status_list: { idx: number; uri: string } }
  /** Sets entry `idx` of the status list (0 valid, 1 invalid, 2 suspended). */
  setStatus(idx: number, value: 0 | 1 | 2): void
  /** Issues a credential with every top-level claim selectively disclosable, bound to `holderJwk`. */
  issue(claims: Record<string, unknown>, holderJwk: JWK, opts?: { iat?: number; exp?: number; vct?: string; status?: unknown; frame?: DisclosureFrame; signer?: SigningKey; x5c?: string[]; noKid?: boolean }): Promise<string>
  close(): Promise<void>
}

/** Sample PID claims (a synthetic person: the ID number is generateResidentId's, region code 1199xx, which no real person has). */
export const SAMPLE_PID_CLAIMS = {
  given_name: 'Wei',
  family_name: 'Zhang',
  birthdate: '1990-05-17',
  birth_year: 1990,
  sex: 1,
  nationality: 'CN',
  region: { code: '11', name: 'Beijing' },
  age_over_14: true,
  age_over_16: true,
  age_over_18: true,
  age_over_21: true,
  age_over_60: false,
  age_over_65: false,
  national_id: '119900199005179016',
} as const

/** Starts the issuer on 127.0.0.1 with a fresh ES256 key. */
export async function startTestIssuer(now: () => number): Promise<TestIssuer> {
  const key = await generateSigningKey('ES256')
  let fetches = 0
  let issuer = ''
  const statuses = new Uint8Array(1024)
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/status-lists/1') {
      const iat = now()
      void signStatusListToken({
        sub: `${issuer}/status-lists/1`, iss: issuer, iat, exp: iat + 600, ttl: 60, list: encodeStatusList(statuses, 2),
        signer: { alg: key.alg, privateKey: key.privateKey, kid: key.kid },
      }).then((jwt) => {
        res.setHeader('content-type', STATUS_LIST_JWT_MEDIA_TYPE)
        res.end(jwt)
      })
      return
    }
    if (req.method === 'GET' && req.url === '/.well-known/jwt-vc-issuer') {
      fetches++
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ issuer, jwks: { keys: [{ ...key.publicJwk, use: 'sig' }] } }))
      return
    }
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    issuer,
    key,
    fetches: () => fetches,
    statusClaim: (idx) => ({ status_list: { idx, uri: `${issuer}/status-lists/1` } }),
    setStatus: (idx, value) => {
      statuses[idx] = value
    },
    async issue(claims, holderJwk, opts = {}) {
      const signer = opts.signer ?? key
      const iat = opts.iat ?? now()
      const payload: Record<string, unknown> = {
        iss: issuer, vct: opts.vct ?? PID_VCT, iat, exp: opts.exp ?? iat + 365 * 86_400, cnf: { jwk: holderJwk }, ...claims,
        ...(opts.status !== undefined ? { status: opts.status } : {}),
      }
      return issueSdJwt({ payload, frame: opts.frame ?? { _sd: Object.keys(claims), _decoys: 2 }, signer: { alg: signer.alg, privateKey: signer.privateKey, ...(opts.noKid ? {} : { kid: signer.kid }), ...(opts.x5c ? { x5c: opts.x5c } : {}) } })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
