// JWP Compact Serialization (draft-ietf-jose-json-web-proof-13 §7.1): strict parsing with size and count bounds.
import { EidError } from '../errors/index.ts'
import { decodeBase64url, encodeBase64url } from './base64url.ts'
import { parseIssuerHeader, parsePresentationHeader } from './header.ts'
import { DEFAULT_JWP_LIMITS } from './limits.ts'
import type { JwpLimits } from './limits.ts'
import type { JwpIssued, JwpPresented } from './types.ts'

/** Options for parsing: limits (defaults in DEFAULT_JWP_LIMITS) and header names understood in `crit`. */
export interface ParseJwpOptions {
  limits?: Partial<JwpLimits>
  understoodCrit?: ReadonlySet<string>
}

/** `issuerHeader.payloads.proof`, payloads and proof parts joined by `~`, a zero-length value as `_`. */
export function serializeIssuedJwp(jwp: Pick<JwpIssued, 'issuerHeaderBytes' | 'payloads' | 'proof'>): string {
  return [encodeBase64url(jwp.issuerHeaderBytes), joinSlots(jwp.payloads), joinSlots(jwp.proof)].join('.')
}

/** `presentationHeader.issuerHeader.payloads.proof`; an omitted payload slot is the empty string. */
export function serializePresentedJwp(
  jwp: Pick<JwpPresented, 'presentationHeaderBytes' | 'issuerHeaderBytes' | 'payloads' | 'proof'>,
): string {
  return [
    encodeBase64url(jwp.presentationHeaderBytes),
    encodeBase64url(jwp.issuerHeaderBytes),
    joinSlots(jwp.payloads),
    joinSlots(jwp.proof),
  ].join('.')
}

/** Parses an issued-form compact JWP. Throws `jwp_wrong_form` when given a presented one. */
export function parseIssuedJwp(text: unknown, opts: ParseJwpOptions = {}): JwpIssued {
  const limits = { ...DEFAULT_JWP_LIMITS, ...opts.limits }
  const parts = splitCompact(text, limits)
  if (parts.length !== 3) throw new EidError('jwp_wrong_form', 'expected an issued JWP (3 parts)')
  const [h, p, pr] = parts as [string, string, string]
  const issuerHeaderBytes = decodePart(h, limits.maxHeaderBytes, 'issuer header')
  const payloads = decodeSlots(p, limits, false)
  return {
    form: 'issued',
    issuerHeader: parseIssuerHeader(issuerHeaderBytes, opts.understoodCrit),
    issuerHeaderBytes,
    payloads: payloads.map((x) => x ?? new Uint8Array(0)),
    proof: decodeProof(pr, limits),
  }
}

/** Parses a presented-form compact JWP. Throws `jwp_wrong_form` when given an issued one. */
export function parsePresentedJwp(text: unknown, opts: ParseJwpOptions = {}): JwpPresented {
  const limits = { ...DEFAULT_JWP_LIMITS, ...opts.limits }
  const parts = splitCompact(text, limits)
  if (parts.length !== 4) throw new EidError('jwp_wrong_form', 'expected a presented JWP (4 parts)')
  const [ph, h, p, pr] = parts as [string, string, string, string]
  const presentationHeaderBytes = decodePart(ph, limits.maxHeaderBytes, 'presentation header')
  const issuerHeaderBytes = decodePart(h, limits.maxHeaderBytes, 'issuer header')
  return {
    form: 'presented',
    presentationHeader: parsePresentationHeader(presentationHeaderBytes, opts.understoodCrit),
    presentationHeaderBytes,
    issuerHeader: parseIssuerHeader(issuerHeaderBytes, opts.understoodCrit),
    issuerHeaderBytes,
    payloads: decodeSlots(p, limits, true),
    proof: decodeProof(pr, limits),
  }
}

function joinSlots(values: readonly (Uint8Array | null)[]): string {
  return values.map((v) => (v === null ? '' : v.length === 0 ? '_' : encodeBase64url(v))).join('~')
}

function splitCompact(text: unknown, limits: JwpLimits): string[] {
  if (typeof text !== 'string') throw new EidError('jwp_malformed', 'JWP must be a string')
  if (text.length > limits.maxCompactLength) throw new EidError('jwp_too_large', 'JWP exceeds the size limit')
  const parts = text.split('.')
  if (parts.length !== 3 && parts.length !== 4) throw new EidError('jwp_malformed', 'JWP must have 3 or 4 parts')
  return parts
}

function decodePart(text: string, maxBytes: number, what: string): Uint8Array {
  if (text.length === 0) throw new EidError('jwp_malformed', `${what} is empty`)
  if (text.length > Math.ceil((maxBytes * 4) / 3)) throw new EidError('jwp_too_large', `${what} exceeds the size limit`)
  return decodeBase64url(text, what)
}

// Payload slots: '' = omitted (presented form only), '_' = zero-length octets, else base64url.
function decodeSlots(text: string, limits: JwpLimits, allowOmitted: boolean): (Uint8Array | null)[] {
  const slots = text.split('~')
  if (slots.length > limits.maxPayloads) throw new EidError('jwp_too_large', 'too many payload slots')
  return slots.map((s) => {
    if (s === '') {
      if (!allowOmitted) throw new EidError('jwp_malformed', 'an issued JWP cannot omit a payload')
      return null
    }
    if (s === '_') return new Uint8Array(0)
    return decodePart(s, limits.maxPayloadBytes, 'payload')
  })
}

function decodeProof(text: string, limits: JwpLimits): Uint8Array[] {
  const parts = text.split('~')
  if (parts.length > limits.maxProofParts) throw new EidError('jwp_too_large', 'too many proof components')
  return parts.map((s) => (s === '_' ? new Uint8Array(0) : decodePart(s, limits.maxProofPartBytes, 'proof')))
}
