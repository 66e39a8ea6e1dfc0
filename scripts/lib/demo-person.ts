// The demo's synthetic person: generated once per data folder (never a real ID number), enrolled at the issuer's desk API.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { generateResidentId, isSyntheticResidentId } from '../../shared/cnid/index.ts'
import type { EnrollmentResponse } from '../../issuer/app.ts'

export interface DemoPerson {
  national_id: string
  family_name: string
  given_name: string
}

const personSchema = z.strictObject({ national_id: z.string(), family_name: z.string(), given_name: z.string() })

/** A new synthetic adult (born 1950-2005, region code PP99xx that no real person has). */
export function syntheticPerson(names: { family_name: string; given_name: string } = { family_name: 'Wang', given_name: 'Xiaoli' }): DemoPerson {
  return { national_id: generateResidentId(), ...names }
}

/** The person of `<dataDir>/demo-person.json`, created on first use; restarts enroll the same person again. */
export function demoPerson(file: string): DemoPerson {
  if (existsSync(file)) {
    const p = personSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
    if (!isSyntheticResidentId(p.national_id)) throw new Error(`${file} holds an ID number that is not synthetic: refusing to use it`)
    return p
  }
  const p = syntheticPerson()
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  writeFileSync(file, JSON.stringify(p, null, 2), { mode: 0o600 })
  return p
}

/** `POST /admin/enrollments` at the issuer (a re-enrollment of the same number keeps the person and makes a fresh offer). */
export async function enrollPerson(issuerUrl: string, adminToken: string, person: DemoPerson): Promise<EnrollmentResponse> {
  const res = await fetch(`${issuerUrl}/admin/enrollments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(person),
  })
  const body = (await res.json()) as unknown
  if (res.status !== 201) throw new Error(`enrollment failed: HTTP ${res.status} ${JSON.stringify(body)}`)
  return body as EnrollmentResponse
}
