// Holder side: parses a credential offer URI, by value or by reference (OpenID4VCI 1.0 §4.1, §4.1.1, §4.1.3).
import { EidError, parseInput } from '../errors/index.ts'
import { CREDENTIAL_OFFER_SCHEME, PRE_AUTHORIZED_CODE_GRANT } from './constants.ts'
import { credentialOfferSchema } from './credential-offer.ts'
import type { CredentialOffer } from './credential-offer.ts'

/** Longest offer URI the holder reads, characters. */
export const MAX_OFFER_URI_LENGTH = 16_384

/** A parsed offer URI: the offer itself, or the URL to fetch it from (`credential_offer_uri`). */
export type ParsedOfferUri = { offer: CredentialOffer; offerUri?: undefined } | { offer?: undefined; offerUri: string }

/**
 * Parses `openid-credential-offer://?credential_offer=...` (or `?credential_offer_uri=...`; also an
 * https URL carrying the same query). Exactly one of the two parameters must be present.
 * Throws `credential_offer_invalid`.
 */
export function parseCredentialOfferUri(uri: unknown): ParsedOfferUri {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_OFFER_URI_LENGTH) {
    throw new EidError('credential_offer_invalid', `offer URI must be a string of at most ${MAX_OFFER_URI_LENGTH} characters`)
  }
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new EidError('credential_offer_invalid', 'offer URI is not a valid URI')
  }
  const scheme = CREDENTIAL_OFFER_SCHEME.replace('//', '')
  if (url.protocol !== scheme && url.protocol !== 'https:') {
    throw new EidError('credential_offer_invalid', `offer URI must use ${CREDENTIAL_OFFER_SCHEME} or https`)
  }
  const byValue = url.searchParams.getAll('credential_offer')
  const byReference = url.searchParams.getAll('credential_offer_uri')
  if (byValue.length + byReference.length !== 1) {
    throw new EidError('credential_offer_invalid', 'offer URI must carry exactly one credential_offer or credential_offer_uri')
  }
  if (byReference[0] !== undefined) return { offerUri: byReference[0] }
  let json: unknown
  try {
    json = JSON.parse(byValue[0] ?? '')
  } catch {
    throw new EidError('credential_offer_invalid', 'credential_offer is not JSON')
  }
  return { offer: parseCredentialOffer(json) }
}

/** Validates a Credential Offer object (by value or fetched); it must offer the pre-authorized code grant. */
export function parseCredentialOffer(json: unknown): CredentialOffer {
  const offer = parseInput(credentialOfferSchema, json, 'credential_offer_invalid', 'credential_offer')
  const grant = offer.grants[PRE_AUTHORIZED_CODE_GRANT]
  const txCode = grant.tx_code
  return {
    credential_issuer: offer.credential_issuer,
    credential_configuration_ids: offer.credential_configuration_ids,
    grants: {
      [PRE_AUTHORIZED_CODE_GRANT]: {
        'pre-authorized_code': grant['pre-authorized_code'],
        ...(txCode ? { tx_code: { input_mode: txCode.input_mode ?? 'numeric', length: txCode.length ?? 0, ...(txCode.description ? { description: txCode.description } : {}) } } : {}),
      },
    },
  }
}

/**
 * Checks a transaction code the person typed against the offer's `tx_code` metadata (§4.1.1):
 * required when advertised, of the advertised length and input mode. Throws `credential_offer_invalid`.
 */
export function checkTxCode(offer: CredentialOffer, txCode: string | undefined): string | undefined {
  const meta = offer.grants[PRE_AUTHORIZED_CODE_GRANT].tx_code
  if (meta === undefined) return undefined
  if (txCode === undefined || txCode.length === 0) {
    throw new EidError('credential_offer_invalid', 'this offer requires a transaction code (--tx-code)')
  }
  if (txCode.length > 64) throw new EidError('credential_offer_invalid', 'transaction code is longer than 64 characters')
  if (meta.length > 0 && txCode.length !== meta.length) {
    throw new EidError('credential_offer_invalid', `transaction code must have ${meta.length} characters`)
  }
  if (meta.input_mode === 'numeric' && !/^[0-9]+$/.test(txCode)) {
    throw new EidError('credential_offer_invalid', 'transaction code must be numeric')
  }
  return txCode
}
