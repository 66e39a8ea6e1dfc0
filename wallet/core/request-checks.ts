// Checks of a verified request object before anything is shown or sent (OpenID4VP 1.0 §5, §8.2, §8.4): the answer goes
// only to an origin the registrar recorded for the service, no redirect_uri with direct_post, no transaction data.
import { EidError } from '../../shared/errors/index.ts'
import type { RequestObjectPayload } from '../../shared/oid4vp/index.ts'
import type { Registration } from '../../shared/registration/index.ts'
import { checkUrl } from './url-policy.ts'
import type { UrlPolicy } from './url-policy.ts'

/** `redirect_uri` must not be present with `response_mode=direct_post` (OpenID4VP 1.0 §8.2): `redirect_uri_not_allowed`. */
export function checkNoRedirectUri(payload: RequestObjectPayload): void {
  if (payload.redirect_uri !== undefined) {
    throw new EidError('redirect_uri_not_allowed', 'the request carries redirect_uri with response_mode direct_post (OpenID4VP 1.0 §8.2)')
  }
}

/**
 * Transaction data (OpenID4VP 1.0 §8.4) binds a presentation to something the person approves; this wallet supports
 * no type yet (none is defined and shown to the person), so any entry is refused: `transaction_data_unsupported`.
 */
export function checkTransactionData(payload: RequestObjectPayload): void {
  const entries = payload.transaction_data ?? []
  if (entries.length === 0) return
  const type = transactionDataType(entries[0] as string)
  throw new EidError('transaction_data_unsupported', `transaction_data of type ${type === undefined ? '(unreadable)' : JSON.stringify(type.slice(0, 64))} is not supported by this wallet`)
}

function transactionDataType(entry: string): string | undefined {
  try {
    const t = (JSON.parse(Buffer.from(entry, 'base64url').toString('utf8')) as { type?: unknown } | null)?.type
    return typeof t === 'string' ? t : undefined
  } catch {
    return undefined
  }
}

/**
 * The `response_uri` under the wallet's URL policy and on one of the origins the registration certificate names
 * (`origins`, docs/protocol/presentation.md, "Relying-party origins"); a certificate naming none allows none:
 * `response_uri_not_registered`.
 */
export function checkResponseUri(payload: RequestObjectPayload, registration: Registration, policy: UrlPolicy): URL {
  const url = checkUrl(payload.response_uri, policy, 'response_uri')
  if (!(registration.origins ?? []).includes(url.origin)) {
    throw new EidError('response_uri_not_registered', `response_uri is on ${url.origin}, an origin the registration certificate does not name`)
  }
  return url
}

/** A `redirect_uri` from the service's answer, passed on only when http(s) and on a registered origin. */
export function registeredRedirect(redirect: unknown, origins: readonly string[]): string | undefined {
  if (typeof redirect !== 'string' || redirect.length > 2048 || !URL.canParse(redirect)) return undefined
  const url = new URL(redirect)
  return /^https?:$/.test(url.protocol) && origins.includes(url.origin) ? redirect : undefined
}
