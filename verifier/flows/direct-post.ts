// The direct_post response endpoint (OpenID4VP 1.0 §8.2): parse, consume the session once, verify, record only the outcome.
import { EidError, isEidError } from '../../shared/errors/index.ts'
import { decryptAuthorizationResponse, parseAuthorizationResponse, responseKeyId } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { responseKeyFor, sessionIdOfResponseKid } from './request-object.ts'
import { responseRedirect } from './response-code.ts'
import { verifyPresentations } from './verify-presentations.ts'

/**
 * Queues the service's webhook for a finished session. Called only after the atomic consume above succeeded,
 * so a replayed response (response_replayed) never reaches it: one event per session.
 */
function notify(deps: VerifierDeps, id: string, result: { status: 'verified'; claims: Record<string, unknown> } | { status: 'rejected'; error: string }): void {
  deps.webhook?.notify({ type: 'presentation.finished', id, ...result, finished_at: deps.now() })
}

const CONSUME_ERRORS = {
  unknown: ['state_unknown', 'state does not belong to any request'],
  expired: ['request_expired', 'the request has expired'],
  used: ['response_replayed', 'a response for this request was already received'],
} as const

/**
 * Handles a wallet's response. A malformed body is refused before the session is touched. The
 * session is then consumed in one atomic step (exactly one of two concurrent posts wins); an error
 * response (`access_denied`) or any failed check marks it `rejected` with the code and no claims;
 * success stores only the requested claims. The token itself is never stored or logged.
 */
export async function handleDirectPost(deps: VerifierDeps, body: unknown): Promise<{ redirect_uri?: string }> {
  const response = parseAuthorizationResponse(await decryptedFields(deps, body))
  const consumed = await deps.store.consumeByState(response.state, deps.now())
  if (!consumed.ok) {
    const [code, message] = CONSUME_ERRORS[consumed.reason]
    throw new EidError(code, message)
  }
  const session = consumed.session
  const redirect = session.redirectUri !== undefined ? responseRedirect(session.redirectUri) : undefined
  const codeHash = redirect ? { responseCodeHash: redirect.codeHash } : {}
  if (response.kind === 'error') {
    const error = response.error === 'access_denied' ? 'access_denied' : 'wallet_error'
    await deps.store.complete(session.id, { status: 'rejected', error, ...codeHash }, deps.now())
    notify(deps, session.id, { status: 'rejected', error })
    deps.logger.info({ presentationId: session.id, outcome: 'rejected', code: error }, 'presentation declined')
    return redirect ? { redirect_uri: redirect.uri } : {}
  }
  let claims: Record<string, unknown>
  try {
    claims = await verifyPresentations(deps, session, response.vpToken)
  } catch (err) {
    const code = isEidError(err) ? err.code : 'internal_error'
    await deps.store.complete(session.id, { status: 'rejected', error: code }, deps.now())
    notify(deps, session.id, { status: 'rejected', error: code })
    deps.logger.info({ presentationId: session.id, outcome: 'rejected', code }, 'presentation rejected')
    throw err
  }
  await deps.store.complete(session.id, { status: 'verified', claims, ...codeHash }, deps.now())
  notify(deps, session.id, { status: 'verified', claims })
  deps.logger.info({ presentationId: session.id, outcome: 'verified', claimNames: Object.keys(claims) }, 'presentation verified')
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
