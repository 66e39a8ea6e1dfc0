// `present`: answers an OpenID4VP 1.0 request (signed request object, DCQL, direct_post) after checking the
// service's access and registration certificates and asking the person; discloses only the asked claims with a KB-JWT.
import { EidError, isEidError } from '../../shared/errors/index.ts'
import { describeErrorResponse } from '../../shared/oid4vci/index.ts'
import { encryptAuthorizationResponse, findRegistrationCertificate, verifyRequestObject } from '../../shared/oid4vp/index.ts'
import { checkQueryAllowed, pseudonymScope, requestedClaimsPaths, verifyRegistrationCertificate } from '../../shared/registration/index.ts'
import type { RequestObjectPayload } from '../../shared/oid4vp/index.ts'
import { parseAuthorizationRequestUri } from './authorization-request.ts'
import type { ConsentDecider, ConsentRequest } from './consent.ts'
import type { WalletContext } from './context.ts'
import { fetchLimited } from './fetch-limited.ts'
import { registrarKeyResolver } from './registrar-key.ts'
import { WALLET_DCQL_FORMATS, walletFormatOfQuery } from './formats/index.ts'
import type { FormatSelection } from './formats/index.ts'
import type { ClaimsPath, HistoryEntry } from './state.ts'
import { presentationIat } from './presentation-time.ts'
import { checkNoRedirectUri, checkResponseUri, checkTransactionData, registeredRedirect } from './request-checks.ts'

export interface PresentOptions {
  /** Asked after every check passed; false declines (the service receives `access_denied`). */
  consent: ConsentDecider
}

export interface PresentResult {
  outcome: 'sent' | 'declined'
  serviceName: string
  clientId: string
  /** Per credential query: which stored credential, which claim paths. */
  disclosed: HistoryEntry['disclosures']
  /** `redirect_uri` from the verifier's response, if any. */
  redirectUri?: string
}

/** A request that passed every check: what the consent screen and the response need. */
interface CheckedRequest {
  payload: RequestObjectPayload
  consent: ConsentRequest
  /** The held credentials chosen by the query's format row (formats/). */
  selection: FormatSelection
  /** The origins the registration certificate names (where a `redirect_uri` may lead). */
  origins: string[]
  /** The service's pseudonym scope: the registrar-assigned service_id of its registration certificate. */
  pseudonymScope: string
}

/** A request that passed every check, waiting for the person's decision (e.g. on the consent page). */
export interface PreparedPresentation {
  consent: ConsentRequest
  /** Discloses (`true`) or declines (`false`); may be called once. */
  respond(disclose: boolean): Promise<PresentResult>
}

/**
 * Runs the whole presentation: `preparePresentation`, then the consent decision, then `respond`.
 * Every refusal throws an EidError with its code before anything is sent (docs/protocol/wallet.md).
 */
export async function presentRequest(ctx: WalletContext, openid4vpUri: string, opts: PresentOptions): Promise<PresentResult> {
  const prepared = await preparePresentation(ctx, openid4vpUri)
  return prepared.respond(await opts.consent(prepared.consent))
}

/**
 * Fetches and checks a request (`checkRequest`) and returns it with a one-shot `respond`. A refusal is recorded in the
 * history (outcome `refused`, its code, what was asked, the service's registered name once verified) and rethrown.
 */
export async function preparePresentation(ctx: WalletContext, openid4vpUri: string): Promise<PreparedPresentation> {
  const known: RefusalFacts = {}
  let checked: CheckedRequest
  try {
    checked = await checkRequest(ctx, openid4vpUri, known)
  } catch (err) {
    if (isEidError(err) && known.clientId !== undefined && !NOT_REFUSALS.has(err.code)) await recordRefusal(ctx, known, err.code)
    throw err
  }
  let used = false
  return {
    consent: checked.consent,
    respond(disclose) {
      if (used) return Promise.reject(new EidError('invalid_request', 'this request was already answered'))
      used = true
      return disclose ? sendPresentation(ctx, checked) : declinePresentation(ctx, checked)
    },
  }
}

async function declinePresentation(ctx: WalletContext, { payload, consent, origins }: CheckedRequest): Promise<PresentResult> {
  await postResponse(ctx, payload, origins, { error: 'access_denied', error_description: 'the user declined' }).catch(() => undefined)
  await recordHistory(ctx, consent, 'declined', [])
  return { outcome: 'declined', serviceName: consent.serviceName, clientId: consent.clientId, disclosed: [] }
}

async function sendPresentation(ctx: WalletContext, checked: CheckedRequest): Promise<PresentResult> {
  const { payload, consent } = checked
  const iat = presentationIat(payload.iat, ctx.now())
  const answer = await checked.selection.answer({ clientId: payload.client_id, serviceName: consent.serviceName, nonce: payload.nonce, iat, pseudonymScope: checked.pseudonymScope })
  return postAndRecord(ctx, checked, answer.vpToken, answer.disclosed)
}

async function postAndRecord(ctx: WalletContext, { payload, consent, origins }: CheckedRequest, vpToken: Record<string, string[]>, disclosed: HistoryEntry['disclosures']): Promise<PresentResult> {
  let redirectUri: string | undefined
  try {
    redirectUri = await postResponse(ctx, payload, origins, { vp_token: JSON.stringify(vpToken) })
  } catch (err) {
    await recordHistory(ctx, consent, 'not_accepted', disclosed)
    throw err
  }
  await recordHistory(ctx, consent, 'sent', disclosed)
  return { outcome: 'sent', serviceName: consent.serviceName, clientId: consent.clientId, disclosed, ...(redirectUri ? { redirectUri } : {}) }
}

/**
 * Fetches and checks a request without answering it: request object and access certificate,
 * registration certificate, DCQL within the registration, matching unlinkable credentials.
 */
export async function checkRequest(ctx: WalletContext, openid4vpUri: string, known: RefusalFacts = {}): Promise<CheckedRequest> {
  const ref = parseAuthorizationRequestUri(openid4vpUri)
  known.clientId = ref.clientId
  // roots from the wallet file (or inline/file configuration): no request to the authority, and none to the
  // service either when there are none
  await ctx.store.refresh()
  const trustedRoots = await ctx.trustedRegistrarRoots()
  const res = await fetchLimited(ref.requestUri, 'request_uri', ctx.policy, ctx.limits, { headers: { accept: 'application/oauth-authz-req+jwt' } })
  if (res.status !== 200) throw new EidError('request_object_invalid', `request_uri answered HTTP ${res.status}`)
  const now = ctx.now()
  // Signature, access certificate chain, client_id = x509_hash of the leaf, exp, DCQL; then the registration
  // certificate (registrar signature, sub = client_id, validity) and the allowed-claims policy, step by step so a
  // refusal's history entry names what was verified.
  const { payload } = await verifyRequestObject(res.text.trim(), { clientId: ref.clientId, trustedRoots, now, dcqlFormats: WALLET_DCQL_FORMATS })
  known.requested = requestedClaimsPaths(payload.dcql_query).slice(0, 64)
  if (payload.verifier_info === undefined) throw new EidError('registration_certificate_missing', 'the request carries no registration certificate')
  const registration = await verifyRegistrationCertificate(findRegistrationCertificate(payload.verifier_info), {
    clientId: payload.client_id,
    now,
    registrarKey: registrarKeyResolver(trustedRoots, now),
  })
  known.serviceName = registration.name
  known.purpose = registration.purpose
  checkQueryAllowed(payload.dcql_query, registration.allowedClaims)
  checkNoRedirectUri(payload)
  checkTransactionData(payload)
  const responseUrl = checkResponseUri(payload, registration, ctx.policy)
  known.responseOrigin = responseUrl.origin
  const selection = await walletFormatOfQuery(payload.dcql_query).select(ctx, payload, now)
  const consent: ConsentRequest = {
    serviceName: registration.name,
    purpose: registration.purpose,
    clientId: payload.client_id,
    responseOrigin: responseUrl.origin,
    registeredClaims: registration.allowedClaims,
    credentials: selection.consentEntries,
  }
  return { payload, consent, selection, origins: registration.origins ?? [], pseudonymScope: pseudonymScope(registration) }
}

/**
 * Posts a direct_post response (form-encoded, with `state`), or for `direct_post.jwt` the same parameters
 * encrypted to the verifier's key as `response=<JWE>` (OpenID4VP 1.0 §8.3); returns the optional `redirect_uri`
 * when on a registered origin.
 */
async function postResponse(ctx: WalletContext, payload: RequestObjectPayload, origins: readonly string[], fields: Record<string, string>): Promise<string | undefined> {
  const params: Record<string, string> = { ...fields, ...(payload.state !== undefined ? { state: payload.state } : {}) }
  const body = payload.response_mode === 'direct_post.jwt'
    // inside the JWE, vp_token is the JSON object itself (§8.3), not its text
    ? new URLSearchParams({ response: await encryptAuthorizationResponse({ ...params, ...(fields.vp_token !== undefined ? { vp_token: JSON.parse(fields.vp_token) as unknown } : {}) }, payload.client_metadata) })
    : new URLSearchParams(params)
  const res = await fetchLimited(payload.response_uri, 'response_uri', ctx.policy, ctx.limits, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
  })
  let json: unknown
  try {
    json = res.text.length > 0 ? JSON.parse(res.text) : {}
  } catch {
    json = undefined
  }
  if (res.status < 200 || res.status >= 300) {
    throw new EidError('presentation_not_accepted', `the service refused the response: ${describeErrorResponse(res.status, json)}`)
  }
  const redirect = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).redirect_uri : undefined
  // Only an http(s) URL on an origin of the service is passed on (never javascript:, a custom scheme or elsewhere).
  return registeredRedirect(redirect, origins)
}

/** What a refused request's history entry can say: only facts verified before the refusal. */
interface RefusalFacts {
  clientId?: string
  serviceName?: string
  purpose?: string
  responseOrigin?: string
  requested?: ClaimsPath[]
}

/** Errors that say nothing about the service (the wallet or the network failed): not recorded as refusals. */
const NOT_REFUSALS = new Set<string>(['upstream_fetch_failed', 'wallet_busy', 'wallet_file_corrupt', 'wallet_passphrase_wrong', 'wallet_trust_not_loaded'])

async function recordRefusal(ctx: WalletContext, known: RefusalFacts, code: string): Promise<void> {
  const entry: HistoryEntry = {
    at: ctx.now(),
    clientId: (known.clientId ?? '').slice(0, 512),
    // Empty until the registrar's certificate was verified: a name the service gives itself is not shown.
    serviceName: known.serviceName ?? '',
    purpose: known.purpose ?? '',
    responseOrigin: known.responseOrigin ?? '',
    outcome: 'refused',
    disclosures: [],
    refusal: { code: code.slice(0, 64), ...(known.requested ? { requested: known.requested } : {}) },
  }
  await ctx.store.update((state) => {
    state.history.push(entry)
  })
}

async function recordHistory(ctx: WalletContext, consent: ConsentRequest, outcome: HistoryEntry['outcome'], disclosures: HistoryEntry['disclosures']): Promise<void> {
  const entry: HistoryEntry = {
    at: ctx.now(),
    clientId: consent.clientId,
    serviceName: consent.serviceName,
    purpose: consent.purpose,
    responseOrigin: consent.responseOrigin,
    outcome,
    disclosures,
  }
  await ctx.store.update((state) => {
    state.history.push(entry)
  })
}

