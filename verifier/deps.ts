// What the verifier's flows and routes need, assembled once by createVerifierApp.
import type { Logger } from 'pino'
import type { RequestObjectSessionInput } from '../shared/oid4vp/index.ts'
import type { Registration } from '../shared/registration/index.ts'
import type { VerifierStore } from '../shared/store/verifier/index.ts'
import type { IssuerKeyResolver } from '../shared/trust/index.ts'
import type { ResolvedVerifierConfig, StatusChecker } from './config.ts'
import type { WebhookSender } from './webhooks/index.ts'

export interface VerifierDeps {
  config: ResolvedVerifierConfig
  store: VerifierStore
  logger: Logger
  now: () => number
  /** `x509_hash:` of the access certificate. */
  clientId: string
  /** The scope of BBS pseudonyms at this service (its `service_id`, stable across re-registration). */
  pseudonymScope: string
  /** The verifier's own registration (allowed claims bound every query it sends). */
  registration: Pick<Registration, 'name' | 'purpose' | 'allowedClaims'>
  issuerKeys: IssuerKeyResolver
  status: StatusChecker | undefined
  /** The service's webhook, when one is configured. */
  webhook?: WebhookSender
  /** Signs a session's request object: header, shared members and key prepared once (`prepareVerifierDeps`). */
  signRequestObject: (s: RequestObjectSessionInput) => string
  /** The request URI and `openid4vp://` authorization request of session `id`, prepared once (`prepareVerifierDeps`). */
  authorizationRequestOf: (id: string) => { requestUri: string; authorizationRequest: string }
}

/** VerifierDeps before the members prepared from its config and client id. */
export type UnpreparedVerifierDeps = Omit<VerifierDeps, 'signRequestObject' | 'authorizationRequestOf'>
