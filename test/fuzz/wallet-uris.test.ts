// Any string given to the wallet as an offer URI or an authorization request yields a value or an EidError, never a crash.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { parseCredentialOfferUri } from '../../shared/oid4vci/index.ts'
import { parseAuthorizationRequestUri } from '../../wallet/core/authorization-request.ts'
import { parseState } from '../../wallet/core/state.ts'

const uriLike = fc.oneof(
  fc.string(),
  fc.webUrl({ withQueryParameters: true }),
  fc.tuple(fc.constantFrom('openid-credential-offer://?', 'openid4vp://?'), fc.dictionary(fc.constantFrom('credential_offer', 'credential_offer_uri', 'client_id', 'request_uri', 'request'), fc.oneof(fc.string(), fc.json())))
    .map(([p, d]) => p + new URLSearchParams(d).toString()),
)

function valueOrEidError(f: () => unknown): void {
  try {
    f()
  } catch (err) {
    expect(err).toBeInstanceOf(EidError)
  }
}

describe('wallet input fuzzing', () => {
  it('parseCredentialOfferUri', () => {
    fc.assert(fc.property(uriLike, (s) => valueOrEidError(() => parseCredentialOfferUri(s))), { numRuns: 300 })
  })
  it('parseAuthorizationRequestUri', () => {
    fc.assert(fc.property(uriLike, (s) => valueOrEidError(() => parseAuthorizationRequestUri(s))), { numRuns: 300 })
  })
  it('parseState (decrypted state of any shape)', () => {
    fc.assert(fc.property(fc.json(), (s) => valueOrEidError(() => parseState(s))), { numRuns: 200 })
  })
})
