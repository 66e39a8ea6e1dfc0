// What the issuer's flows and routes need, assembled once by createIssuerApp.
import type { Logger } from 'pino'
import type { IssuerStore } from '../shared/store/index.ts'
import type { ResolvedIssuerConfig } from './config.ts'
import type { AuthorityKeys } from './keys/authority-keys.ts'

/** The part of the status service the credential flow uses (issuer/status `StatusService.allocate`). */
export interface StatusAllocator {
  allocate(input: { credentialId: string; personId: string }): { idx: number; uri: string }
}

export interface IssuerDeps {
  config: ResolvedIssuerConfig
  store: IssuerStore
  keys: AuthorityKeys
  status: StatusAllocator
  logger: Logger
  now: () => number
}
