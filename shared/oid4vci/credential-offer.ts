// Credential Offer with a pre-authorized code and tx_code metadata (OpenID4VCI 1.0 §4.1.1).
import { z } from 'zod'
import { CREDENTIAL_OFFER_SCHEME, PRE_AUTHORIZED_CODE_GRANT } from './constants.ts'

/** Transaction Code metadata: tells the wallet what to ask for, never the value (§4.1.1). */
export interface TxCodeMetadata {
  input_mode: 'numeric' | 'text'
  length: number
  description?: string
}

/** A Credential Offer object as sent by value (§4.1.1). */
export interface CredentialOffer {
  credential_issuer: string
  credential_configuration_ids: string[]
  grants: {
    [PRE_AUTHORIZED_CODE_GRANT]: { 'pre-authorized_code': string; tx_code?: TxCodeMetadata }
  }
}

/** Builds the Credential Offer for a pre-authorized code. */
export function createCredentialOffer(input: {
  credentialIssuer: string
  configurationIds: string[]
  preAuthorizedCode: string
  txCode?: TxCodeMetadata
}): CredentialOffer {
  const grant: CredentialOffer['grants'][typeof PRE_AUTHORIZED_CODE_GRANT] = { 'pre-authorized_code': input.preAuthorizedCode }
  if (input.txCode) grant.tx_code = input.txCode
  return {
    credential_issuer: input.credentialIssuer,
    credential_configuration_ids: [...input.configurationIds],
    grants: { [PRE_AUTHORIZED_CODE_GRANT]: grant },
  }
}

/** The same-device offer URI, `openid-credential-offer://?credential_offer=<url-encoded JSON>` (§4.1). */
export function credentialOfferUri(offer: CredentialOffer): string {
  return `${CREDENTIAL_OFFER_SCHEME}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`
}

/** zod schema of a Credential Offer carrying a pre-authorized code grant. */
export const credentialOfferSchema = z.object({
  credential_issuer: z.url().max(2048),
  credential_configuration_ids: z.array(z.string().min(1).max(256)).min(1).max(32),
  grants: z.object({
    [PRE_AUTHORIZED_CODE_GRANT]: z.object({
      'pre-authorized_code': z.string().min(1).max(512),
      tx_code: z
        .object({
          input_mode: z.enum(['numeric', 'text']).optional(),
          length: z.number().int().min(1).max(64).optional(),
          description: z.string().max(300).optional(),
        })
        .optional(),
    }),
  }),
})
