// DCQL for BBS PID presentations (OpenID4VP 1.0 §6 extended by this profile): format `dc+jpt`, `meta.vct_values`,
// `meta.pseudonym`, top-level claims paths. The `dcql` package knows no JPT format, so this schema is ours.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { JPT_FORMAT, PID_BBS_CLAIMS } from './constants.ts'

const id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/)

/** One `dc+jpt` Credential Query. Claims paths name one top-level JPT claim (a JPT slot is disclosed whole). */
export const JptCredentialQuerySchema = z.strictObject({
  id: id.describe('REQUIRED. Credential query id (OpenID4VP §6.1)'),
  format: z.literal(JPT_FORMAT).describe('REQUIRED. dc+jpt: a JSON Proof Token of this profile'),
  meta: z.strictObject({
    vct_values: z.array(z.string().min(1).max(2048)).min(1).max(8).optional().describe('OPTIONAL. Accepted credential types (Issuer Header vct)'),
    pseudonym: z.literal(true).describe('REQUIRED. A pseudonym bound to the request client_id is part of every dc+jpt presentation'),
  }),
  claims: z.array(z.strictObject({
    id: id.optional(),
    path: z.tuple([z.string().min(1).max(256)]),
    values: z.array(z.union([z.string().max(256), z.int(), z.boolean()])).min(1).max(16).optional()
      .describe('OPTIONAL. The accepted values of the claim (OpenID4VP §6.3); another value does not match'),
  })).min(1).max(32)
    .describe('REQUIRED here. The claims to disclose; each path has exactly one element'),
})
export type JptCredentialQuery = z.output<typeof JptCredentialQuerySchema>

/** The one credential set a `dc+jpt` query may carry: the credential query itself, required, with the request's purpose. */
const JptCredentialSetSchema = z.strictObject({
  options: z.tuple([z.tuple([id])]),
  required: z.literal(true).optional(),
  purpose: z.union([z.string().max(2048), z.record(z.string(), z.unknown())]).optional(),
})

/** A DCQL query with one `dc+jpt` credential query (no claim_sets); at most the one trivial credential set. */
export const JptDcqlQuerySchema = z.strictObject({
  credentials: z.array(JptCredentialQuerySchema).length(1),
  credential_sets: z.array(JptCredentialSetSchema).length(1).optional(),
})

/**
 * Parses a `dc+jpt` DCQL query (`dcql_query_invalid`): one credential query, strict members, claims
 * among the BBS PID's, no duplicates, no `exp`/`iat` requests (the profile discloses `exp` itself).
 */
export function parseJptDcqlQuery(input: unknown): { credentials: [JptCredentialQuery]; credential_sets?: z.output<typeof JptCredentialSetSchema>[] } {
  const q = parseInput(JptDcqlQuerySchema, input, 'dcql_query_invalid', 'dcql_query')
  const cq = q.credentials[0] as JptCredentialQuery
  if (q.credential_sets && q.credential_sets[0]?.options[0][0] !== cq.id) throw new EidError('dcql_query_invalid', 'the credential set must name the credential query')
  const names = cq.claims.map((c) => c.path[0])
  if (new Set(names).size !== names.length) throw new EidError('dcql_query_invalid', `credential query ${cq.id} names a claim twice`)
  for (const n of names) {
    if (!PID_BBS_CLAIMS.includes(n) || n === 'iat' || n === 'exp') throw new EidError('dcql_query_invalid', `credential query ${cq.id} asks for a claim the BBS PID does not carry`)
  }
  return { credentials: [cq], ...(q.credential_sets ? { credential_sets: q.credential_sets } : {}) }
}

/** Top-level claim names a parsed `dc+jpt` credential query asks for. */
export function requestedJptClaims(cq: JptCredentialQuery): string[] {
  return cq.claims.map((c) => c.path[0])
}

/**
 * True when every claim of `cq` restricted with `values` has one of them, reading values with `valueOf`
 * (OpenID4VP 1.0 §6.3: a credential whose value is another one does not match).
 */
export function jptValuesMatch(cq: JptCredentialQuery, valueOf: (name: string) => unknown): boolean {
  return cq.claims.every((c) => c.values === undefined || c.values.some((v) => v === valueOf(c.path[0])))
}

/** Name of the pseudonymous age preset. */
export const PSEUDONYMOUS_PRESET = 'age_over_18_pseudonymous'

/** The DCQL query of preset `age_over_18_pseudonymous`: `age_over_18` and the service's pseudonym, from a BBS PID. */
export function pseudonymousAgePresetQuery(vct: string): { credentials: [JptCredentialQuery] } {
  return {
    credentials: [{ id: 'pid', format: JPT_FORMAT, meta: { vct_values: [vct], pseudonym: true }, claims: [{ path: ['age_over_18'], values: [true] }] }],
  }
}
