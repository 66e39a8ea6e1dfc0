// JWP present (draft-ietf-jose-json-web-proof-13 §6.2; JPA §3.3): Presentation Header, selective disclosure, new proof.
import { EidError } from '../errors/index.ts'
import type { JwpAlgorithm } from './algorithm.ts'
import { serializePresentedJwp } from './compact.ts'
import { critNames, headerOctets, parsePresentationHeader } from './header.ts'
import type { PresentationHeader } from './header.ts'
import type { JwpIssued, JwpPresented } from './types.ts'

export interface PresentJwpInput<S> {
  publicKey: Uint8Array
  /** `aud` (the verifier's client_id), `nonce` and `iat` (seconds); `alg` is set to the issuer's. */
  presentationHeader: Omit<PresentationHeader, 'alg' | 'aud' | 'nonce' | 'iat'> & { aud: string | string[]; nonce: string; iat: number } & Record<string, unknown>
  /** Zero-based payload slots to disclose; every other slot is omitted. */
  disclose: readonly number[]
  state: S
}

/** Derives a presented JWP from a confirmed issued one; returns its compact form. */
export function presentJwp<E, C, S>(alg: JwpAlgorithm<E, C, S>, issued: JwpIssued, input: PresentJwpInput<S>): { compact: string; jwp: JwpPresented } {
  if (issued.issuerHeader.alg !== alg.alg) throw new EidError('jwp_unsupported_alg', 'issuer header alg is not the expected algorithm')
  const n = issued.payloads.length
  const disclosed = new Set<number>()
  for (const i of input.disclose) {
    if (!Number.isSafeInteger(i) || i < 0 || i >= n || disclosed.has(i)) {
      throw new EidError('invalid_request', 'disclose lists an out-of-range or repeated slot')
    }
    disclosed.add(i)
  }
  const presentationHeaderBytes = headerOctets({ alg: alg.alg, ...input.presentationHeader })
  const presentationHeader = parsePresentationHeader(presentationHeaderBytes, critNames(input.presentationHeader.crit))
  const payloads = issued.payloads.map((p, i) => (disclosed.has(i) ? p : null))
  const presented = {
    presentationHeader,
    presentationHeaderBytes,
    issuerHeader: issued.issuerHeader,
    issuerHeaderBytes: issued.issuerHeaderBytes,
    payloads,
  }
  const proof = alg.present(input.publicKey, issued, issued.proof, presented, input.state)
  const jwp: JwpPresented = { form: 'presented', ...presented, proof }
  return { compact: serializePresentedJwp(jwp), jwp }
}

/** Slot indexes of the named JPT claims, in slot order. Throws `jpt_claims_invalid` for an unknown name. */
export function claimSlots(issued: Pick<JwpIssued, 'issuerHeader'>, names: readonly string[]): number[] {
  const claims = issued.issuerHeader.claims
  if (!claims) throw new EidError('jpt_claims_invalid', 'issuer header has no claims list')
  return names
    .map((name) => {
      const i = claims.indexOf(name)
      if (i < 0) throw new EidError('jpt_claims_invalid', 'a requested claim is not in the claims list')
      return i
    })
    .sort((a, b) => a - b)
}
