// What the issuer's flows and routes need, assembled once by createIssuerApp.
import type { Logger } from 'pino'
import type { IssuerStore } from '../shared/store/index.ts'
import type { ResolvedIssuerConfig } from './config.ts'
import type { AuthorityKeys } from './keys/authority-keys.ts'
import type { StatusService } from './status/index.ts'
import type { IssuerFormat } from './formats/types.ts'

/** The part of issuer/status's StatusService the credential flow uses. */
export type StatusAllocator = Pick<StatusService, 'allocate' | 'personStatus'>

export interface IssuerDeps {
  config: ResolvedIssuerConfig
  store: IssuerStore
  keys: AuthorityKeys
  status: StatusAllocator
  logger: Logger
  now: () => number
  /** The c_nonce MAC key (issuer/keys/nonce-key.ts). */
  nonceKey: Uint8Array
  /** The credential-format table (issuer/formats/index.ts), in publication order. */
  formats: readonly IssuerFormat[]
}
