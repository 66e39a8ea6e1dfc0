// createStatusService: the issuer's Token Status Lists (draft-ietf-oauth-status-list-20): random index allocation,
// revocation/suspension per person and per credential, and the signed list tokens it serves.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { EidError } from '../../shared/errors/index.ts'
import { STATUS, STATUS_BY_NAME } from '../../shared/status-list/index.ts'
import type { StatusBits, StatusListSigner, StatusName } from '../../shared/status-list/index.ts'
import type { StatusService, StatusServiceOptions } from './types.ts'
import { openStatusSqliteStore } from '../../shared/store/status/index.ts'
import type { StatusListRecord } from '../../shared/store/status/index.ts'
import { drawFreeIndex, loadListState, markUsed, syncListState } from './list-state.ts'
import type { ListState } from './list-state.ts'
import { statusAdminRouter } from './routes/admin.ts'
import { statusListRouter } from './routes/status-list.ts'
import { createTokenCache } from './token-cache.ts'
import type { ServedToken } from './token-cache.ts'

const NAME_BY_STATUS = new Map<number, StatusName>(Object.entries(STATUS_BY_NAME).map(([k, v]) => [v, k as StatusName]))
const BITS: StatusBits = 2
/** Revocation is final: INVALID entries keep their status when suspending or reinstating. */
const FINAL = [STATUS.INVALID] as const

/** Builds the issuer's status service. Lists and entries persist in `<dataDir>/status.sqlite`. */
export function createStatusService(opts: StatusServiceOptions): StatusService {
  const listSize = opts.listSize ?? 100_000
  if (!Number.isSafeInteger(listSize) || listSize < 8 || listSize % 8 !== 0) {
    throw new EidError('invalid_request', 'listSize must be a positive multiple of 8')
  }
  const ttlSeconds = opts.ttlSeconds ?? 300
  const lifetimeSeconds = Math.max(opts.tokenLifetimeSeconds ?? 86_400, ttlSeconds)
  const baseUrl = opts.baseUrl.replace(/\/+$/, '')
  const store = opts.store ?? openStatusSqliteStore(opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, 'status.sqlite'))
  const signer = typeof opts.signer === 'function' ? opts.signer : () => opts.signer as StatusListSigner
  const uriOf = (id: string): string => `${baseUrl}/status-lists/${id}`

  const lists = new Map<string, ListState>()
  let open: ListState | undefined
  /** (Re)builds the in-memory lists from the store. */
  function load(): void {
    const before = new Map(lists)
    lists.clear()
    for (const record of store.lists()) {
      const state = loadListState(store, record)
      // A version past any token cached for the old image, so none of those is served again.
      state.version += (before.get(record.id)?.version ?? 0) + 1
      lists.set(record.id, state)
    }
    open = [...lists.values()].filter((l) => l.usedCount < l.record.size).at(-1)
  }
  load()
  const tokens = createTokenCache({ uriOf, iss: baseUrl, signer, now: opts.now, ttlSeconds, lifetimeSeconds })

  function newList(): ListState {
    const record: StatusListRecord = { id: randomBytes(12).toString('base64url'), bits: BITS, size: listSize, createdAt: opts.now() }
    store.createList(record)
    const state = loadListState(store, record)
    lists.set(record.id, state)
    return state
  }

  function changed(entries: { listId: string; idx: number }[], status: number): void {
    const touched = new Set<ListState>()
    for (const e of entries) {
      const state = lists.get(e.listId)
      if (!state) continue
      state.statuses[e.idx] = status
      touched.add(state)
    }
    for (const state of touched) {
      state.version++
      tokens.refresh(state)
    }
  }

  function allocate(input: { credentialId: string; personId: string }): { idx: number; uri: string } {
    if (!isId(input?.credentialId) || !isId(input?.personId)) {
      throw new EidError('invalid_request', 'credentialId and personId must be 1-128 characters')
    }
    const existing = store.entryByCredential(input.credentialId)
    if (existing) return { idx: existing.idx, uri: uriOf(existing.listId) }
    const status = store.personStatus(input.personId) ?? STATUS.VALID
    // Bounded: each failed insert marks an index another instance took; a full list is replaced.
    for (let attempt = 0; attempt < 64; attempt++) {
      if (!open || open.usedCount >= open.record.size) open = newList()
      const idx = drawFreeIndex(open)
      if (idx === undefined) continue
      const result = store.insertEntry({ listId: open.record.id, idx, credentialId: input.credentialId, personId: input.personId, status }, opts.now())
      if (result.ok || result.reason === 'index_taken') markUsed(open, idx)
      // Another instance is allocating from this list too: re-read which indices it took.
      if (!result.ok && result.reason === 'index_taken' && attempt % 8 === 7) syncListState(store, open)
      if (result.ok) {
        if (status !== STATUS.VALID) changed([{ listId: open.record.id, idx }], status)
        return { idx, uri: uriOf(open.record.id) }
      }
      if (result.reason === 'credential_exists') return { idx: result.existing.idx, uri: uriOf(result.existing.listId) }
    }
    throw new EidError('status_allocation_failed', 'no free status list index')
  }

  function allocateMany(inputs: readonly { credentialId: string; personId: string }[]): { idx: number; uri: string }[] {
    try {
      return store.transaction(() => inputs.map(allocate))
    } catch (e) {
      load() // the rolled-back lists and entries must not stay in memory
      throw e
    }
  }

  function setPersonStatus(personId: string, name: StatusName): number {
    const status = statusValue(name)
    if (!store.hasPerson(personId) && !opts.personExists?.(personId)) throw new EidError('not_found', 'no such person')
    if (store.personStatus(personId) === STATUS.INVALID && status !== STATUS.INVALID) {
      throw new EidError('status_change_not_allowed', 'the person is revoked; revocation is final')
    }
    const entries = store.setPersonStatus(personId, status, FINAL, opts.now())
    changed(entries, status)
    return entries.length
  }

  function setCredentialStatus(credentialId: string, name: StatusName): boolean {
    const status = statusValue(name)
    const r = store.setCredentialStatus(credentialId, status, FINAL, opts.now())
    if (r.result === 'not_found') throw new EidError('not_found', 'no such credential')
    if (r.result === 'kept') throw new EidError('status_change_not_allowed', 'the credential is revoked; revocation is final')
    if (r.result === 'changed') changed([{ listId: r.entry.listId, idx: r.entry.idx }], status)
    return r.result === 'changed'
  }

  async function tokenFor(listId: string): Promise<ServedToken> {
    const state = lists.get(listId)
    if (!state) throw new EidError('not_found', 'no such status list')
    // Once per ttl, pick up changes other issuer instances made in the shared store.
    if (tokens.isStale(state)) syncListState(store, state)
    return tokens.get(state)
  }

  const service: StatusService = {
    allocate,
    allocateMany,
    setPersonStatus,
    setCredentialStatus,
    personStatus: (personId) => {
      const s = store.personStatus(personId)
      return s === undefined ? undefined : NAME_BY_STATUS.get(s)
    },
    tokenFor,
    uriOf,
    listIds: () => [...lists.keys()],
    router: statusListRouter({ tokenFor, now: opts.now, ttlSeconds }),
    adminRouter: statusAdminRouter({ setPersonStatus, setCredentialStatus }),
    close: () => {
      if (!opts.store) store.close()
    },
  }
  return service
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 128
}

function statusValue(name: StatusName): number {
  const v = Object.hasOwn(STATUS_BY_NAME, name) ? STATUS_BY_NAME[name] : undefined
  if (v === undefined) throw new EidError('invalid_request', 'status must be valid, invalid or suspended')
  return v
}
