// The issuer status service's options and surface (createStatusService in service.ts).
import type { Router } from 'express'
import type { StatusListSigner, StatusName } from '../../shared/status-list/index.ts'
import type { StatusStore } from '../../shared/store/status/index.ts'
import type { ServedToken } from './token-cache.ts'

export interface StatusServiceOptions {
  /** Folder of `status.sqlite`, or ':memory:'. */
  dataDir: string | ':memory:'
  /** The issuer's public base URL (Credential Issuer Identifier); lists are served at `<baseUrl>/status-lists/<id>`. */
  baseUrl: string
  /** Signs the list tokens; a function is called at each signature, so key rotation takes effect at once. */
  signer: StatusListSigner | (() => StatusListSigner)
  /** Clock, epoch seconds. */
  now: () => number
  /** `ttl` of the served tokens and their HTTP max-age, seconds (default 300). */
  ttlSeconds?: number
  /** `exp - iat` of the served tokens, seconds (default 86,400; at least ttlSeconds). */
  tokenLifetimeSeconds?: number
  /** Entries per list (default 100,000; a multiple of 8). Smaller lists weaken herd privacy: for tests only. */
  listSize?: number
  /** Use this store instead of opening `<dataDir>/status.sqlite` (the service then does not close it). */
  store?: StatusStore
  /** True when the issuer knows the person (an admin change for a person with no credential yet is then recorded, not 404). */
  personExists?: (personId: string) => boolean
}

export interface StatusService {
  /** A fresh, never used index for a credential, drawn uniformly at random; the same one again for the same `credentialId`. */
  allocate(input: { credentialId: string; personId: string }): { idx: number; uri: string }
  /** `allocate` for a batch, in one durable commit (one fsync instead of one per credential). All or none. */
  allocateMany(inputs: readonly { credentialId: string; personId: string }[]): { idx: number; uri: string }[]
  /** Sets the status of every credential of a person; returns how many entries changed. `not_found`, `status_change_not_allowed`. */
  setPersonStatus(personId: string, status: StatusName): number
  /** Sets one credential's status; returns whether it changed. `not_found`, `status_change_not_allowed`. */
  setCredentialStatus(credentialId: string, status: StatusName): boolean
  /** The person's recorded status (from admin changes), or undefined; the issuer refuses issuance to `invalid`. */
  personStatus(personId: string): StatusName | undefined
  /** The current signed token of a list (`not_found` for an unknown id). */
  tokenFor(listId: string): Promise<ServedToken>
  /** The URI of a list. */
  uriOf(listId: string): string
  /** Ids of all lists, oldest first. */
  listIds(): string[]
  /** `GET /status-lists/:id` (public). */
  router: Router
  /** `POST /admin/persons/:personId/{revoke,suspend,reinstate}`, `POST /admin/credentials/:credentialId/{revoke,suspend,reinstate}`. */
  adminRouter: Router
  close(): void
}
