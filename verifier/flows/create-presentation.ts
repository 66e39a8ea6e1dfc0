// POST /presentations: a new presentation session (nonce, state, DCQL query within the registration) and its authorization request.
import { z } from 'zod'
import { deepFreeze, derivedPerFrozen } from '../../shared/cache/index.ts'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import { checkPathsAllowed, isServiceUrl, requestedClaimsPaths } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
// the CSPRNG pool of shared/sdjwt's salts: one randomBytes call per 4 KiB (56 sessions)
import { randomPoolBytes } from '../../shared/sdjwt/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { PRESETS, parseQuery } from '../formats/index.ts'
import { qrSvgOf } from './presentation-qr.ts'

/** Body of `POST /presentations`: a preset or a DCQL query, and an optional purpose shown to the person. */
export const createPresentationSchema = z
  .strictObject({
    preset: z.enum(Object.keys(PRESETS) as [string, ...string[]]).optional(),
    dcql_query: z.record(z.string(), z.unknown()).optional(),
    purpose: z.string().trim().min(1).max(256).optional(),
    redirect_uri: z.string().max(2048).refine(isServiceUrl, 'must be an https URL (http only on loopback) without fragment').optional(),
    /** true: the answer carries `qr_svg` (else GET /presentations/:id/qr.svg renders it when needed). */
    qr: z.boolean().optional(),
  })
  .refine((b) => (b.preset === undefined) !== (b.dcql_query === undefined), 'exactly one of preset and dcql_query is required')

/**
 * The body as parseInput(createPresentationSchema) reads it (invalid_request naming the field): the body nearly every
 * service sends, `{"preset":"<name>"}`, is taken as it is, which the schema would give back unchanged; any other body
 * goes through the schema.
 */
export function readCreatePresentationBody(body: unknown): z.output<typeof createPresentationSchema> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const keys = Object.keys(body)
    const preset = (body as { preset?: unknown }).preset
    if (keys.length === 1 && keys[0] === 'preset' && typeof preset === 'string' && Object.hasOwn(PRESETS, preset)) return { preset }
  }
  return parseInput(createPresentationSchema, body)
}

export interface CreatedPresentation {
  id: string
  request_uri: string
  authorization_request: string
  /** Only when the request asked for it (`qr: true`). */
  qr_svg?: string
  expires_at: number
}

const presetQueries = new Map<string, Record<string, unknown>>()

/**
 * Preset `name`'s query for credentials of type `vct`, built once and deep-frozen: the format table's parse cache
 * (verifier/formats parsedQueryOf) then finds it by identity, without serialising it per session.
 */
function presetQueryOf(name: string, vct: string): Record<string, unknown> {
  const key = `${vct}\n${name}`
  let query = presetQueries.get(key)
  if (query === undefined) {
    query = deepFreeze((PRESETS[name] as (vct: string) => Record<string, unknown>)(vct))
    presetQueries.set(key, query)
  }
  return query
}

/**
 * Builds and parses every preset's query for `vct` and reads its claims paths once, at start (dcql_query_invalid here,
 * not per request, for a bad one); whether the registration allows a preset is still checked at each request.
 */
export function preparePresets(vct: string): void {
  for (const name of Object.keys(PRESETS)) claimsPathsOf(parseQuery(presetQueryOf(name, vct)))
}

/**
 * Session id, state and nonce: 192 bits each, 72 fresh CSPRNG bytes (the random pool hands each byte out once) encoded
 * at once; 24 bytes are 32 base64url characters, so each third is exactly its own 24 bytes' encoding.
 */
export function sessionSecrets(): { id: string; state: string; nonce: string } {
  const text = randomPoolBytes(72).toString('base64url')
  return { id: text.slice(0, 32), state: text.slice(32, 64), nonce: text.slice(64) }
}

/**
 * requestedClaimsPaths of `parsed` (dcql_query_invalid when unreadable), kept for a deeply frozen query, which can
 * never change (parseQuery's results are deep-frozen and shared): a preset or a repeated query is read once, and each
 * request checks the kept paths against the registration as it is then (checkPathsAllowed).
 */
const claimsPathsOf = derivedPerFrozen((parsed: ParsedDcqlQuery): readonly ClaimsPath[] => deepFreeze(requestedClaimsPaths(parsed)))

/**
 * Validates the query (dcql_query_invalid), refuses any claim outside the verifier's own registration
 * (claim_not_registered: a wallet would refuse it anyway), and stores a pending session. The QR code
 * (a few ms of CPU) only when the body asks for it with `qr: true`.
 */
export async function createPresentation(deps: VerifierDeps, body: unknown): Promise<CreatedPresentation> {
  const input = readCreatePresentationBody(body)
  const base = input.preset !== undefined ? presetQueryOf(input.preset, deps.config.presetVct) : (input.dcql_query as Record<string, unknown>)
  const dcqlQuery = input.purpose !== undefined ? withPurpose(base, input.purpose) : base
  const parsed = parseQuery(dcqlQuery)
  if (parsed.credentials.some((c) => c.multiple === true)) throw new EidError('dcql_query_invalid', 'credential queries with multiple are not supported')
  if (parsed.credentials.some((c) => c.trusted_authorities !== undefined)) {
    throw new EidError('dcql_query_invalid', 'trusted_authorities is not supported: trusted issuers are configured in the verifier')
  }
  checkPathsAllowed(claimsPathsOf(parsed), deps.registration.allowedClaims)
  const now = deps.now()
  const { id, state, nonce } = sessionSecrets()
  const expiresAt = now + deps.config.sessionTtlSeconds
  await deps.store.createSession({
    id, state, nonce, dcqlQuery, createdAt: now, expiresAt,
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    ...(input.redirect_uri !== undefined ? { redirectUri: input.redirect_uri } : {}),
  })
  const { requestUri, authorizationRequest } = deps.authorizationRequestOf(id)
  deps.logger.info({ presentationId: id, preset: input.preset ?? 'dcql' }, 'presentation requested')
  return {
    id, request_uri: requestUri, authorization_request: authorizationRequest,
    ...(input.qr === true ? { qr_svg: await qrSvgOf(authorizationRequest) } : {}),
    expires_at: expiresAt,
  }
}

/**
 * Carries a per-request purpose to the wallet the standard way: a DCQL credential set (OpenID4VP 1.0 §6.2
 * `purpose`) requiring all credential queries together, which asks for exactly what the query alone
 * asks for. A query that already has credential sets gets the purpose on those lacking one.
 */
function withPurpose(query: Record<string, unknown>, purpose: string): Record<string, unknown> {
  const credentials = Array.isArray(query.credentials) ? (query.credentials as { id?: unknown }[]) : []
  if (Array.isArray(query.credential_sets)) {
    return { ...query, credential_sets: (query.credential_sets as Record<string, unknown>[]).map((set) => ({ purpose, ...set })) }
  }
  return { ...query, credential_sets: [{ options: [credentials.map((c) => c.id)], required: true, purpose }] }
}

