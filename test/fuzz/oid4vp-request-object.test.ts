// Fuzz: arbitrary request objects and registration certificates make the wallet-side verifiers throw EidErrors only.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { signJwsCompact } from '../../shared/keys/index.ts'
import { createRequestObject, presetQuery, verifyRequestObject } from '../../shared/oid4vp/index.ts'
import { verifyRegistrationCertificate } from '../../shared/registration/index.ts'
import { createTestRelyingParty } from '../support/verifier/index.ts'
import type { TestRelyingParty } from '../support/verifier/index.ts'

const now = Math.floor(Date.now() / 1000)
let rp: TestRelyingParty

beforeAll(async () => {
  rp = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']] })
})

async function onlyEidErrors(p: Promise<unknown>): Promise<void> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(EidError)
  }
}

const registrarKey = () => Promise.resolve(rp.registrar.key.publicJwk)

describe('fuzz: request objects and registration certificates', () => {
  it('arbitrary strings', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}$/)), async (s) => {
      await onlyEidErrors(verifyRequestObject(s, { trustedRoots: [rp.registrar.root], now, registrarKey }))
      await onlyEidErrors(verifyRegistrationCertificate(s, { clientId: rp.clientId, now, registrarKey }))
    }), { numRuns: 200 })
  })

  it('validly signed request objects with arbitrary payload members', async () => {
    const valid = JSON.parse(Buffer.from((createRequestObject({
      clientId: rp.clientId, responseUri: 'https://v.example/responses', nonce: 'n'.repeat(20), state: 's'.repeat(20), dcqlQuery: presetQuery('age_over_18', 'urn:eid:pid:1'),
      registrationCertificate: rp.credentials.registrationCertificate, iat: now, exp: now + 300, signer: rp.credentials.signingKey, x5c: rp.credentials.accessCertificateChain,
    }).split('.')[1]) as string, 'base64url').toString()) as Record<string, unknown>
    const keys = Object.keys(valid)
    await fc.assert(fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue(), async (k, v) => {
      const jwt = signJwsCompact({ typ: 'oauth-authz-req+jwt', x5c: rp.credentials.accessCertificateChain }, { ...valid, [k]: v }, rp.signingKey.privateKey, 'ES256')
      await onlyEidErrors(verifyRequestObject(jwt, { clientId: rp.clientId, trustedRoots: [rp.registrar.root], now, registrarKey }))
    }), { numRuns: 150 })
  })
})
