// Row shapes of the issuer's tables and their mapping to records, shared by the SQLite and PostgreSQL adapters.
import type { EnrollmentRecord, PidAddress } from '../../pid/index.ts'
import type { IssuedCredential, RelyingPartyRecord } from './types.ts'

export interface PersonRow {
  national_id: string
  family_name: string
  given_name: string
  address_json: string | null
}

export interface CredentialRow {
  credential_id: string
  person_id: string
  kid: string
  status_idx: number | null
  status_uri: string | null
  issued_at: number
  expires_at: number
}

export interface RpRow {
  client_id: string
  name: string
  purpose: string
  allowed_claims_json: string
  access_certificate: string
  registration_certificate: string
  created_at: number
}

export function toEnrollmentRecord(row: PersonRow): EnrollmentRecord {
  const record: EnrollmentRecord = { nationalId: row.national_id, familyName: row.family_name, givenName: row.given_name }
  if (row.address_json !== null) record.address = JSON.parse(row.address_json) as PidAddress
  return record
}

export function toIssuedCredential(r: CredentialRow): IssuedCredential {
  return {
    credentialId: r.credential_id,
    personId: r.person_id,
    kid: r.kid,
    statusIdx: r.status_idx,
    statusUri: r.status_uri,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
  }
}

export function toRelyingParty(row: RpRow): RelyingPartyRecord {
  return {
    clientId: row.client_id,
    name: row.name,
    purpose: row.purpose,
    allowedClaims: JSON.parse(row.allowed_claims_json) as RelyingPartyRecord['allowedClaims'],
    accessCertificate: row.access_certificate,
    registrationCertificate: row.registration_certificate,
    createdAt: row.created_at,
  }
}
