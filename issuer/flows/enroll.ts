// Enrollment: validate the person's record, store it, and create a single-use pre-authorized offer (OpenID4VCI 1.0 §4.1.1).
import { z } from 'zod'
import { parseInput } from '../../shared/errors/index.ts'
import { todayInChina, parseResidentId } from '../../shared/cnid/index.ts'
import { createCredentialOffer, credentialOfferUri } from '../../shared/oid4vci/index.ts'
import type { CredentialOffer } from '../../shared/oid4vci/index.ts'
import { PID_CONFIGURATION_ID } from '../../shared/pid/index.ts'
import type { EnrollmentRecord } from '../../shared/pid/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { displayText } from './display-text.ts'
import { randomSecret, randomTxCode, secretHash } from './secrets.ts'

/** Body of `POST /admin/enrollments`. */
export const enrollmentRequestSchema = z.strictObject({
  national_id: z.string().max(32),
  family_name: displayText(64),
  given_name: displayText(64),
  address: z.strictObject({ province: displayText(64).optional(), city: displayText(64).optional(), street: displayText(256).optional() }).optional(),
})

/** Response of `POST /admin/enrollments`; `tx_code` goes to the person out of band. */
export interface EnrollmentResponse {
  /** Stable id of the person at this issuer, for `/admin/persons/:personId/{revoke,suspend,reinstate}`. */
  person_id: string
  credential_offer_uri: string
  credential_offer: CredentialOffer
  tx_code: string
  expires_in: number
}

/** Validates and stores the record, then returns the offer. Throws `invalid_request` or `invalid_national_id`. */
export async function enrollPerson(deps: IssuerDeps, body: unknown): Promise<EnrollmentResponse> {
  const input = parseInput(enrollmentRequestSchema, body)
  const now = deps.now()
  const id = parseResidentId(input.national_id, { today: todayInChina(now * 1000) })
  const record: EnrollmentRecord = { nationalId: id.id, familyName: input.family_name, givenName: input.given_name }
  if (input.address) record.address = input.address
  const code = randomSecret()
  const txCode = randomTxCode(deps.config.txCodeLength)
  const ttl = deps.config.offerTtlSeconds
  const { personId } = await deps.store.enroll({ record, offer: { codeHash: secretHash(code), txCodeHash: secretHash(code, txCode), expiresAt: now + ttl }, now })
  const offer = createCredentialOffer({
    credentialIssuer: deps.config.issuerUrl,
    configurationIds: [PID_CONFIGURATION_ID],
    preAuthorizedCode: code,
    txCode: { input_mode: 'numeric', length: txCode.length, description: 'Enter the code given to you by the registration desk' },
  })
  return { person_id: personId, credential_offer_uri: credentialOfferUri(offer), credential_offer: offer, tx_code: txCode, expires_in: ttl }
}
