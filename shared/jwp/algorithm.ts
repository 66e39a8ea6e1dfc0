// The pluggable JSON Proof Algorithm layer (draft-ietf-jose-json-proof-algorithms-13 §3: issue, confirm, present, verify).
import type { IssuerHeader, PresentationHeader } from './header.ts'

/** What every algorithm operation sees of the JWP: exact header octets, parsed headers, payloads. */
export interface IssuedInput {
  readonly issuerHeader: IssuerHeader
  readonly issuerHeaderBytes: Uint8Array
  readonly payloads: readonly Uint8Array[]
}

export interface PresentedInput {
  readonly presentationHeader: PresentationHeader
  readonly presentationHeaderBytes: Uint8Array
  readonly issuerHeader: IssuerHeader
  readonly issuerHeaderBytes: Uint8Array
  /** `null` marks an omitted slot. */
  readonly payloads: readonly (Uint8Array | null)[]
}

/** Result of a successful presentation check; `pseudonym` is set by pseudonym algorithms. */
export interface VerifiedProof {
  readonly pseudonym?: Uint8Array
}

/**
 * One JSON Proof Algorithm. `IssueExtra` is what the issuer needs beyond its key pair (e.g. a
 * holder commitment), `ConfirmInput` what the holder needs to confirm (e.g. its blind), and
 * `HolderState` what confirm returns and present consumes. Every method throws an EidError on
 * any failure; none reads a clock.
 */
export interface JwpAlgorithm<IssueExtra = undefined, ConfirmInput = undefined, HolderState = undefined> {
  /** The `alg` Header Parameter value. */
  readonly alg: string
  issue(keys: { secretKey: Uint8Array; publicKey: Uint8Array }, jwp: IssuedInput, extra: IssueExtra): Uint8Array[]
  confirm(publicKey: Uint8Array, jwp: IssuedInput, proof: readonly Uint8Array[], input: ConfirmInput): HolderState
  present(
    publicKey: Uint8Array,
    issued: IssuedInput,
    proof: readonly Uint8Array[],
    presented: PresentedInput,
    state: HolderState,
  ): Uint8Array[]
  verify(publicKey: Uint8Array, presented: PresentedInput, proof: readonly Uint8Array[]): VerifiedProof
}

/** Any algorithm, whatever its holder-side types (for verifier-side allow-lists). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJwpAlgorithm = JwpAlgorithm<any, any, any>
