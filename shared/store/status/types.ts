// The issuer's status store interface: status lists, their allocated entries, and per-person statuses.
// Adapters implement it (SQLite now); an index is never allocated twice because (list, idx) is a primary key.

/** A status list as stored. `id` is the last path segment of its URI. Times epoch seconds. */
export interface StatusListRecord {
  id: string
  bits: 1 | 2 | 4 | 8
  size: number
  createdAt: number
}

/** One allocated entry: the credential and person it belongs to and its current status value. */
export interface StatusEntryRecord {
  listId: string
  idx: number
  credentialId: string
  personId: string
  status: number
}

/** Outcome of inserting an entry. */
export type InsertEntryResult =
  | { ok: true }
  | { ok: false; reason: 'index_taken' }
  | { ok: false; reason: 'credential_exists'; existing: StatusEntryRecord }

/** One changed entry, as returned by the status updates. */
export interface ChangedEntry {
  listId: string
  idx: number
}

export interface StatusStore {
  /** All lists, oldest first. */
  lists(): StatusListRecord[]
  createList(list: StatusListRecord): void
  /** Every allocated (idx, status) of a list. */
  entriesOf(listId: string): { idx: number; status: number }[]
  /** Inserts an entry unless its (list, idx) or its credential is already taken; never overwrites. */
  insertEntry(entry: StatusEntryRecord, at: number): InsertEntryResult
  entryByCredential(credentialId: string): StatusEntryRecord | undefined
  /** True when the person has at least one entry or a recorded status. */
  hasPerson(personId: string): boolean
  /** The person's recorded status (new entries of the person start with it), or undefined. */
  personStatus(personId: string): number | undefined
  /**
   * Atomically records the person's status and sets it on every entry of the person, except entries
   * whose status is in `keep` (e.g. a final INVALID). Returns the entries that changed.
   */
  setPersonStatus(personId: string, status: number, keep: readonly number[], at: number): ChangedEntry[]
  /** Atomically sets one credential's status unless its current status is in `keep`. */
  setCredentialStatus(
    credentialId: string,
    status: number,
    keep: readonly number[],
    at: number,
  ): { result: 'changed' | 'unchanged'; entry: StatusEntryRecord } | { result: 'kept'; entry: StatusEntryRecord } | { result: 'not_found' }
  /** Runs `fn` in one transaction (one durable commit); nested calls join the outer one. */
  transaction<T>(fn: () => T): T
  close(): void
}
