// The issuer status service's options and surface (createStatusService in service.ts).
import type { Router } from 'express'
import type { StatusListSigner, StatusName } from '../../shared/status-list/index.ts'
import type { IssuerStore } from '../../shared/store/index.ts'
import type { ServedToken } from './token-cache.ts'

export interface StatusServiceOptions {
  /** The issuer's store, which holds the lists, entries and person statuses (the service does not close it). */
  store: IssuerStore
  /** The issuer's public base URL (Credential Issuer Identifier); lists are served at `<baseUrl>/status-lists/<id>`. */
  baseUrl: string
  /** Signs the list tokens; a function is called at each signature, so key rotation takes effect at once. */
  signer: StatusListSigner | (() => StatusListSigner)
  /** Clock, epoch seconds. */
  now: () => number
  /**
   * Public base URL of the static copies (`STATUS_LIST_BASE_URL`): credentials then carry `<statusListBaseUrl>/<id>`
   * as `status.status_list.uri` (and the tokens that `sub`). Default `<baseUrl>/status-lists`, the issuer's own route.
   */
  statusListBaseUrl?: string
  /** Folder the signed tokens are also written to (`STATUS_LIST_DIR`), for a web server or CDN; see static-dir.ts. */
  staticDir?: string
  /** A failed write into `staticDir` (the service keeps serving; the next token is written again). */
  onStaticWriteError?: (err: unknown) => void
  /**
   * Status epochs, seconds (default 0: none, a change is published at once). With an epoch, a list's token changes
   * only at multiples of it (all the changes of an epoch together), its `iat` is the epoch's start and its `ttl` the
   * epoch; `ttlSeconds` is then unused. The longest a revocation takes to reach verifiers is one epoch (plus skew).
   */
  epochSeconds?: number
  /** `ttl` of the served tokens and their HTTP max-age, seconds (default 300). */
  ttlSeconds?: number
  /** `exp - iat` of the served tokens, seconds (default 86,400; at least ttlSeconds). */
  tokenLifetimeSeconds?: number
  /** Entries per list (default 100,000; a multiple of 8). Smaller lists weaken herd privacy: for tests only. */
  listSize?: number
}

/** A drawn status entry: list, index and the list's URI (what goes into the credential's `status.status_list`). */
export interface StatusRef {
  listId: string
  idx: number
  uri: string
}

/**
 * What an issuance's commit step reports back to `allocate`: committed (with the person's status the
 * entries started with), or refused because another issuance took `taken` first (draw again).
 */
export type CommitOutcome<T> = { ok: true; value: T; status: number } | { ok: false; taken: { listId: string; idx: number } }

export interface StatusService {
  /**
   * Draws `count` free indices, uniformly at random over the free ones and reserved in memory while
   * `commit` runs (the caller signs the credentials with them and commits the issuance in one store
   * transaction). When `commit` reports an index taken (another instance), draws again: at most 8 rounds,
   * then `status_allocation_failed`. When `commit` throws, the reservation is released and the error rethrown.
   */
  allocate<T>(count: number, commit: (refs: StatusRef[]) => Promise<CommitOutcome<T>>): Promise<T>
  /** Sets the status of every credential of a person; returns how many entries changed. `not_found`, `status_change_not_allowed`. */
  setPersonStatus(personId: string, status: StatusName): Promise<number>
  /** Sets one credential's status; returns whether it changed. `not_found`, `status_change_not_allowed`. */
  setCredentialStatus(credentialId: string, status: StatusName): Promise<boolean>
  /** The person's recorded status (from admin changes), or undefined; the issuer refuses issuance to `invalid` and `suspended`. */
  personStatus(personId: string): Promise<StatusName | undefined>
  /** The current signed token of a list (`not_found` for an unknown id). */
  tokenFor(listId: string): Promise<ServedToken>
  /** The URI of a list. */
  uriOf(listId: string): string
  /** Ids of all lists, oldest first. */
  listIds(): string[]
  /** Signs what is due (ttl expired) and writes every list's current token into `staticDir`; resolves once written. */
  publish(): Promise<void>
  /** Stops the timer that keeps `staticDir` current. */
  close(): void
  /** `GET /status-lists/:id` (public). */
  router: Router
  /** `POST /admin/persons/:personId/{revoke,suspend,reinstate}`, `POST /admin/credentials/:credentialId/{revoke,suspend,reinstate}`. */
  adminRouter: Router
}
