// The members of VerifierDeps prepared once from its config and client id, so no request rebuilds them.
import type { UnpreparedVerifierDeps, VerifierDeps } from '../deps.ts'
import { authorizationRequestsFor } from './presentation-qr.ts'
import { requestObjectSignerFor } from './request-object.ts'

/** `deps` with its request-object signer and authorization request builder (createVerifierApp; benches and tests). */
export function prepareVerifierDeps(deps: UnpreparedVerifierDeps): VerifierDeps {
  return {
    ...deps,
    signRequestObject: requestObjectSignerFor(deps.config, deps.clientId),
    authorizationRequestOf: authorizationRequestsFor(deps.config.verifierUrl, deps.clientId),
  }
}
