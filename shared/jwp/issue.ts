// JWP issue and confirm (draft-ietf-jose-json-web-proof-13 §6.1; JPA §3.1-3.2), with the JPT claims mapping.
import { EidError } from '../errors/index.ts'
import type { JwpAlgorithm } from './algorithm.ts'
import { parseIssuedJwp, serializeIssuedJwp } from './compact.ts'
import type { ParseJwpOptions } from './compact.ts'
import { critNames, headerOctets, parseIssuerHeader } from './header.ts'
import type { IssuerHeader } from './header.ts'
import type { JwpIssued } from './types.ts'

export interface IssueJwpInput<IssueExtra> {
  /** Issuer Header; `alg` is set from the algorithm. */
  header: Omit<IssuerHeader, 'alg'> & Record<string, unknown>
  payloads: readonly Uint8Array[]
  keys: { secretKey: Uint8Array; publicKey: Uint8Array }
  extra: IssueExtra
}

/** Issues a JWP: serializes the header, has the algorithm prove header and payloads, returns the compact form. */
export function issueJwp<E, C, S>(alg: JwpAlgorithm<E, C, S>, input: IssueJwpInput<E>): { compact: string; jwp: JwpIssued } {
  if (input.payloads.length === 0) throw new EidError('jwp_malformed', 'a JWP needs at least one payload')
  const issuerHeaderBytes = headerOctets({ alg: alg.alg, ...input.header })
  const issuerHeader = parseIssuerHeader(issuerHeaderBytes, critNames(input.header.crit))
  if (issuerHeader.claims && issuerHeader.claims.length !== input.payloads.length) {
    throw new EidError('jwp_payload_count_mismatch', 'claims list length differs from the payload count')
  }
  const base = { issuerHeader, issuerHeaderBytes, payloads: [...input.payloads] }
  const proof = alg.issue(input.keys, base, input.extra)
  const jwp: JwpIssued = { form: 'issued', ...base, proof }
  return { compact: serializeIssuedJwp(jwp), jwp }
}

/**
 * Holder-side confirm: parses an issued JWP, checks its `alg` and verifies the issuer proof over
 * the header and all payloads. Returns the parsed JWP and the algorithm's holder state.
 */
export function confirmJwp<E, C, S>(
  alg: JwpAlgorithm<E, C, S>,
  compact: string,
  publicKey: Uint8Array,
  input: C,
  opts: ParseJwpOptions = {},
): { jwp: JwpIssued; state: S } {
  const jwp = parseIssuedJwp(compact, opts)
  if (jwp.issuerHeader.alg !== alg.alg) throw new EidError('jwp_unsupported_alg', 'issuer header alg is not the expected algorithm')
  if (jwp.issuerHeader.claims && jwp.issuerHeader.claims.length !== jwp.payloads.length) {
    throw new EidError('jwp_payload_count_mismatch', 'claims list length differs from the payload count')
  }
  return { jwp, state: alg.confirm(publicKey, jwp, jwp.proof, input) }
}
