// What the adversary holds: every presentation a verifier received (taken from the wire, the most a service that kept
// everything could store), what its result stored, and what the issuer handed out (its /credential responses).
import type { Exchange } from '../lib/fetch-recorder.ts'
import type { PresentationResult } from '../lib/rp-client.ts'
import type { SdJwtPolicy } from './options.ts'

export type CredentialFormat = 'sd-jwt' | 'bbs'

/** One presentation as one verifier saw it, with the ground truth the adversary is scored against. */
export interface Observation {
  format: CredentialFormat
  /** The wallet policy that chose the SD-JWT credential (BBS: none). */
  policy?: SdJwtPolicy
  /** Ground truth: which person (never shown to the adversary's handles). */
  person: number
  service: number
  visit: number
  /** The verifier's clock when the answer arrived, epoch seconds. */
  arrival: number
  /** Milliseconds since the run started, when the answer arrived. */
  arrivalMs: number
  /** The presentation exactly as received: the `vp_token` entry of the wallet's direct_post. */
  token: string
  /** What the verifier's result holds (`GET /presentations/:id`): the only thing it stores. */
  stored: PresentationResult
}

/** A credential as the issuer returned it, and to whom (the issuer knows: it is the enrolled person's offer). */
export interface IssuedCredential {
  person: number
  format: CredentialFormat
  credential: string
}

/** The single presentation in a direct_post body, or undefined. */
export function presentationOf(e: Exchange): string | undefined {
  if (e.method !== 'POST' || e.requestBody === undefined || !e.requestBody.includes('vp_token')) return undefined
  const vp = new URLSearchParams(e.requestBody).get('vp_token')
  if (vp === null) return undefined
  const entries = Object.values(JSON.parse(vp) as Record<string, string[]>)
  return entries[0]?.[0]
}

/** The credentials of an issuer `/credential` response (OpenID4VCI §8.3: `credentials: [{ credential }]`). */
export function issuedIn(e: Exchange, person: number): IssuedCredential[] {
  if (e.method !== 'POST' || !e.url.endsWith('/credential') || e.status !== 200 || e.responseBody === undefined) return []
  const body = JSON.parse(e.responseBody) as { credentials?: { credential?: unknown }[] }
  return (body.credentials ?? [])
    .map((c) => c.credential)
    .filter((c): c is string => typeof c === 'string')
    .map((credential) => ({ person, format: isSdJwt(credential) ? 'sd-jwt' : 'bbs', credential }))
}

/** An SD-JWT's header says `typ: dc+sd-jwt` (a JWP's compact form also uses `~`, between its payloads). */
export function isSdJwt(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { typ?: unknown }
    return typeof header.typ === 'string' && header.typ.endsWith('sd-jwt')
  } catch {
    return false
  }
}
