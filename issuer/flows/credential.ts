// Credential endpoint (OpenID4VCI 1.0 §8): the access token and the person's status, then the request goes to the
// row of the format table (issuer/formats) named by its credential_configuration_id.
import { EidError } from '../../shared/errors/index.ts'
import { parseCredentialRequest } from '../../shared/oid4vci/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { secretHash } from './secrets.ts'

/**
 * Checks, in order: the access token (401 `access_token_invalid`), the person's status
 * (`credential_request_denied` when revoked or suspended), then the configuration: a known
 * `credential_configuration_id` goes to its format's `issue`; any other body is parsed as a credential
 * request (`credential_request_invalid`, `batch_too_large`) and, if well-formed, refused with
 * `credential_configuration_unknown`.
 */
export async function issueCredentials(deps: IssuerDeps, accessToken: string | undefined, body: unknown): Promise<object> {
  const now = deps.now()
  const { tokenHash, token } = await authorizeCredentialRequest(deps, accessToken, now)
  const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).credential_configuration_id : undefined
  const format = deps.formats.find((f) => f.id === id)
  if (!format) {
    parseCredentialRequest(body, { maxProofs: deps.config.batchSize })
    throw new EidError('credential_configuration_unknown', 'credential_configuration_id is not offered by this issuer')
  }
  // an access token from the refresh grant obtains only its refresh token's configuration
  if (token.configurationId !== undefined && token.configurationId !== format.id) {
    throw new EidError('credential_configuration_unknown', 'this access token was granted for another credential configuration')
  }
  return format.issue({ tokenHash, personId: token.personId, remaining: token.remaining, now, body })
}

/** The live access token (401 `access_token_invalid`) of a person whose credentials are not revoked or suspended (`credential_request_denied`). */
export async function authorizeCredentialRequest(
  deps: IssuerDeps,
  accessToken: string | undefined,
  now: number,
): Promise<{ tokenHash: string; token: { personId: string; remaining: number; configurationId?: string } }> {
  if (accessToken === undefined) throw new EidError('access_token_invalid', 'a bearer access token is required')
  const tokenHash = secretHash(accessToken)
  const token = await deps.store.findAccessToken(tokenHash, now)
  if (!token) throw new EidError('access_token_invalid', 'access token is unknown or expired')
  const personStatus = await deps.status.personStatus(token.personId)
  if (personStatus === 'invalid' || personStatus === 'suspended') {
    throw new EidError('credential_request_denied', 'the credentials of this person are revoked or suspended')
  }
  return { tokenHash, token }
}

