// The QR code of a presentation's authorization request (cross-device flow): rendered only when asked for.
import QRCode from 'qrcode'
import { EidError } from '../../shared/errors/index.ts'
import { authorizationRequestUriFor } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'

/**
 * The request URI and `openid4vp://` authorization request (client_id and request_uri; nothing secret) of a session id
 * at a verifier with `verifierUrl` and `clientId`; prepareVerifierDeps makes it at start.
 */
export function authorizationRequestsFor(verifierUrl: string, clientId: string): (id: string) => { requestUri: string; authorizationRequest: string } {
  const base = `${verifierUrl}/requests/`
  const uriOf = authorizationRequestUriFor({ clientId, requestUriBase: base })
  return (id) => ({ requestUri: `${base}${id}`, authorizationRequest: uriOf(id) })
}

/** SVG QR code of `authorizationRequest` (error correction M, 2-module margin). */
export function qrSvgOf(authorizationRequest: string): Promise<string> {
  return QRCode.toString(authorizationRequest, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}

/**
 * `GET /presentations/:id/qr.svg`: the QR code of a pending, unexpired session's request
 * (presentation_not_found for an unknown id, request_expired once answered or expired: the wallet could not use it).
 */
export async function presentationQrSvg(deps: VerifierDeps, id: string): Promise<string> {
  const session = await deps.store.getSession(id)
  if (!session) throw new EidError('presentation_not_found', 'no such presentation')
  if (session.status !== 'pending' || session.expiresAt <= deps.now()) throw new EidError('request_expired', 'the request has expired or was answered')
  return qrSvgOf(deps.authorizationRequestOf(id).authorizationRequest)
}
