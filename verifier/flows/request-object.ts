// GET request_uri: the signed request object of a pending session (OpenID4VP 1.0 §5, RFC 9101 §5.2).
import { EidError } from '../../shared/errors/index.ts'
import { deriveResponseKey, requestObjectSigner, responseEncryptionMetadata } from '../../shared/oid4vp/index.ts'
import type { RequestObjectSessionInput, ResponseEncryptionKey } from '../../shared/oid4vp/index.ts'
import { queryJson } from '../../shared/store/index.ts'
import type { ResolvedVerifierConfig } from '../config.ts'
import type { VerifierDeps } from '../deps.ts'
import { VP_FORMATS_SUPPORTED } from '../formats/index.ts'

/**
 * The request-object signer of a verifier with `config` and `clientId` (shared/oid4vp requestObjectSigner: header,
 * shared members and signing key prepared once); prepareVerifierDeps makes it at start.
 */
export function requestObjectSignerFor(config: ResolvedVerifierConfig, clientId: string): (s: RequestObjectSessionInput) => string {
  return requestObjectSigner({
    clientId,
    responseUri: `${config.verifierUrl}/responses`,
    registrationCertificate: config.relyingParty.registrationCertificate,
    signer: config.relyingParty.signingKey,
    x5c: config.relyingParty.accessCertificateChain,
    vpFormatsSupported: VP_FORMATS_SUPPORTED,
  })
}

/** The request object JWT for session `id`; presentation_not_found for an unknown id, request_expired once used or expired. */
export async function requestObjectFor(deps: VerifierDeps, id: string): Promise<string> {
  const session = await deps.store.getSession(id)
  if (!session) throw new EidError('presentation_not_found', 'no such request')
  const now = deps.now()
  if (session.status !== 'pending' || session.expiresAt <= now) throw new EidError('request_expired', 'the request has expired or was answered')
  return deps.signRequestObject({
    nonce: session.nonce,
    state: session.state,
    dcqlQuery: session.dcqlQuery,
    dcqlQueryJson: queryJson(session.dcqlQuery),
    iat: now,
    exp: session.expiresAt,
    ...(deps.config.responseMode === 'direct_post.jwt' ? { responseEncryption: responseEncryptionMetadata(responseKeyFor(deps, session.id)) } : {}),
  })
}

const RESPONSE_KID_PREFIX = 'resp-'

/** The encryption key of session `id`'s request (kid `resp-<id>`), derived from the verifier's secret: nothing stored. */
export function responseKeyFor(deps: VerifierDeps, id: string): ResponseEncryptionKey {
  return deriveResponseKey(deps.config.responseKeySecret, `${RESPONSE_KID_PREFIX}${id}`)
}

/** The session id a response key id names, or undefined for a kid this verifier never issued. */
export function sessionIdOfResponseKid(kid: string): string | undefined {
  return kid.startsWith(RESPONSE_KID_PREFIX) ? kid.slice(RESPONSE_KID_PREFIX.length) : undefined
}
