// GET request_uri: the signed request object of a pending session (OpenID4VP 1.0 §5, RFC 9101 §5.2).
import { EidError } from '../../shared/errors/index.ts'
import { createRequestObject, deriveResponseKey, responseEncryptionMetadata } from '../../shared/oid4vp/index.ts'
import type { ResponseEncryptionKey } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { VP_FORMATS_SUPPORTED } from '../formats/index.ts'

/** The request object JWT for session `id`; presentation_not_found for an unknown id, request_expired once used or expired. */
export async function requestObjectFor(deps: VerifierDeps, id: string): Promise<string> {
  const session = await deps.store.getSession(id)
  if (!session) throw new EidError('presentation_not_found', 'no such request')
  const now = deps.now()
  if (session.status !== 'pending' || session.expiresAt <= now) throw new EidError('request_expired', 'the request has expired or was answered')
  return createRequestObject({
    clientId: deps.clientId,
    responseUri: `${deps.config.verifierUrl}/responses`,
    nonce: session.nonce,
    state: session.state,
    dcqlQuery: session.dcqlQuery,
    registrationCertificate: deps.config.relyingParty.registrationCertificate,
    iat: now,
    exp: session.expiresAt,
    signer: deps.config.relyingParty.signingKey,
    x5c: deps.config.relyingParty.accessCertificateChain,
    vpFormatsSupported: VP_FORMATS_SUPPORTED,
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
