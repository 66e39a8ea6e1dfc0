// The direct_post response endpoint (OpenID4VP 1.0 §8.2): parse, read the session, verify, record only the outcome in one commit.
import { EidError, isEidError } from '../../shared/errors/index.ts'
import { decryptAuthorizationResponse, parseAuthorizationResponse, responseKeyId } from '../../shared/oid4vp/index.ts'
import type { ConsumeFailure, SessionOutcome } from '../../shared/store/verifier/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { responseKeyFor, sessionIdOfResponseKid } from './request-object.ts'
import { responseRedirect } from './response-code.ts'
import { verifyPresentations } from './verify-presentations.ts'

/**
 * Queues the service's webhook for a finished session. Called only after this response's outcome was the one
 * recorded (finishByState won), so a replayed response (response_replayed) never reaches it: one event per session.
 */
function notify(deps: VerifierDeps, id: string, result: { status: 'verified'; claims: Record<string, unknown> } | { status: 'rejected'; error: string }): void {
  deps.webhook?.notify({ type: 'presentation.finished', id, ...result, finished_at: deps.now() })
}

const STATE_ERRORS = {
  unknown: ['state_unknown', 'state does not belong to any request'],
  expired: ['request_expired', 'the request has expired'],
  used: ['response_replayed', 'a response for this request was already received'],
} as const

function stateError(reason: ConsumeFailure): EidError {
  const [code, message] = STATE_ERRORS[reason]
  return new EidError(code, message)
}

/** What the access line of a direct_post tells about its presentation: never a claim value or a token. */
export interface PresentationLogFields {
  id: string
  outcome: 'verified' | 'rejected'
  /** The rejection's code (`access_denied` and `wallet_error` when the wallet declined). */
  code?: string
  /** The names of the claims received, for a verified presentation. */
  claimNames?: string[]
}

/**
 * Handles a wallet's response. A malformed body is refused before the session is read; a state that is
 * unknown, answered or expired (at arrival) is refused before any verification. The outcome is then recorded
 * in one atomic conditional write, the presentation's only commit (exactly one of concurrent posts of a state
 * wins; the others get response_replayed): an error response (`access_denied`) or any failed check as
 * `rejected` with the code and no claims, success with only the requested claims. The token itself is never
 * stored or logged. Once an outcome is recorded, `onOutcome` gets its fields for the request's one access line.
 */
export async function handleDirectPost(deps: VerifierDeps, body: unknown, onOutcome: (p: PresentationLogFields) => void): Promise<{ redirect_uri?: string }> {
  const response = parseAuthorizationResponse(await decryptedFields(deps, body))
  const arrived = deps.now()
  const session = await deps.store.getSessionByState(response.state)
  if (session === undefined) throw stateError('unknown')
  if (session.status !== 'pending') throw stateError('used')
  if (session.expiresAt <= arrived) throw stateError('expired')
  const redirect = session.redirectUri !== undefined ? responseRedirect(session.redirectUri) : undefined
  const codeHash = redirect ? { responseCodeHash: redirect.codeHash } : {}
  const finish = async (outcome: SessionOutcome): Promise<void> => {
    const done = await deps.store.finishByState(session.state, arrived, outcome)
    if (!done.ok) throw stateError(done.reason)
  }
  if (response.kind === 'error') {
    const error = response.error === 'access_denied' ? 'access_denied' : 'wallet_error'
    await finish({ status: 'rejected', error, ...codeHash })
    notify(deps, session.id, { status: 'rejected', error })
    onOutcome({ id: session.id, outcome: 'rejected', code: error })
    return redirect ? { redirect_uri: redirect.uri } : {}
  }
  let claims: Record<string, unknown>
  try {
    claims = await verifyPresentations(deps, session, response.vpToken)
  } catch (err) {
    const code = isEidError(err) ? err.code : 'internal_error'
    await finish({ status: 'rejected', error: code })
    notify(deps, session.id, { status: 'rejected', error: code })
    onOutcome({ id: session.id, outcome: 'rejected', code })
    throw err
  }
  await finish({ status: 'verified', claims, ...codeHash })
  notify(deps, session.id, { status: 'verified', claims })
  onOutcome({ id: session.id, outcome: 'verified', claimNames: Object.keys(claims) })
  return redirect ? { redirect_uri: redirect.uri } : {}
}

/**
 * `direct_post.jwt` (OpenID4VP 1.0 §8.3): a body with `response` is a JWE to the key of the request its `kid`
 * names; its parameters must carry that request's `state`. A body without it is a plain `direct_post`, refused
 * under the HAIP profile (`response_encryption_required`). Nothing here touches the session's state.
 */
async function decryptedFields(deps: VerifierDeps, body: unknown): Promise<unknown> {
  const jwe = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).response : undefined
  if (jwe === undefined) {
    if (deps.config.profile === 'haip') throw new EidError('response_encryption_required', 'this verifier accepts only direct_post.jwt responses')
    return body
  }
  const id = sessionIdOfResponseKid(responseKeyId(jwe))
  const session = id === undefined ? undefined : await deps.store.getSession(id)
  if (session === undefined) throw new EidError('response_decryption_failed', 'the response names no key of this verifier')
  const fields = await decryptAuthorizationResponse(jwe as string, responseKeyFor(deps, session.id))
  if (fields.state !== session.state) throw new EidError('response_decryption_failed', 'the encrypted response carries another request\'s state')
  return fields
}
