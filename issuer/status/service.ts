// createStatusService: the issuer's Token Status Lists (draft-ietf-oauth-status-list-20): random index allocation,
// revocation/suspension per person and per credential, and the signed list tokens it serves. Lists live in the IssuerStore.
import { randomBytes } from 'node:crypto'
import { EidError } from '../../shared/errors/index.ts'
import { STATUS, STATUS_BY_NAME } from '../../shared/status-list/index.ts'
import type { StatusBits, StatusListSigner, StatusName } from '../../shared/status-list/index.ts'
import type { ChangedEntry, StatusListRecord } from '../../shared/store/index.ts'
import { applyEntries, drawFreeIndex, markFree, markUsed, newListState } from './list-state.ts'
import type { ListState } from './list-state.ts'
import { statusAdminRouter } from './routes/admin.ts'
import { statusListRouter } from './routes/status-list.ts'
import { createStaticDirWriter } from './static-dir.ts'
import { createEpochTokenCache, epochStart } from './epoch-tokens.ts'
import { createTokenCache } from './token-cache.ts'
import type { ServedToken, TokenCache } from './token-cache.ts'
import type { CommitOutcome, StatusRef, StatusService, StatusServiceOptions } from './types.ts'

const NAME_BY_STATUS = new Map<number, StatusName>(Object.entries(STATUS_BY_NAME).map(([k, v]) => [v, k as StatusName]))
const BITS: StatusBits = 2
/** Revocation is final: INVALID entries keep their status when suspending or reinstating. */
const FINAL = [STATUS.INVALID] as const
/** Rounds of drawing before giving up when other instances keep taking the drawn indices. */
const MAX_ROUNDS = 8

/** Builds the issuer's status service over the issuer's store, loading the lists it holds. */
export async function createStatusService(opts: StatusServiceOptions): Promise<StatusService> {
  const listSize = opts.listSize ?? 100_000
  if (!Number.isSafeInteger(listSize) || listSize < 8 || listSize % 8 !== 0) {
    throw new EidError('invalid_request', 'listSize must be a positive multiple of 8')
  }
  const ttlSeconds = opts.ttlSeconds ?? 300
  const lifetimeSeconds = Math.max(opts.tokenLifetimeSeconds ?? 86_400, ttlSeconds)
  const baseUrl = opts.baseUrl.replace(/\/+$/, '')
  const listBase = (opts.statusListBaseUrl ?? `${baseUrl}/status-lists`).replace(/\/+$/, '')
  if (!URL.canParse(listBase) || !/^https?:$/.test(new URL(listBase).protocol)) throw new EidError('invalid_request', 'statusListBaseUrl must be an absolute http(s) URL')
  const store = opts.store
  const signer = typeof opts.signer === 'function' ? opts.signer : () => opts.signer as StatusListSigner
  const uriOf = (id: string): string => `${listBase}/${id}`
  const staticDir = opts.staticDir === undefined ? undefined : createStaticDirWriter(opts.staticDir, opts.onStaticWriteError ?? (() => undefined))

  const lists = new Map<string, ListState>()
  for (const record of await store.statusLists()) lists.set(record.id, newListState(record, await store.statusEntries(record.id)))
  /** The list new indices are drawn from: the newest one with room. */
  let open = [...lists.values()].filter((l) => l.usedCount < l.record.size).at(-1)
  let opening: Promise<ListState> | undefined
  const epochSeconds = opts.epochSeconds ?? 0
  const cacheOptions = {
    uriOf,
    iss: baseUrl,
    signer,
    now: opts.now,
    ttlSeconds,
    lifetimeSeconds,
    ...(staticDir ? { onSigned: (t: ServedToken) => void staticDir.write(t) } : {}),
  }
  const tokens: TokenCache =
    epochSeconds > 0
      ? createEpochTokenCache({
          ...cacheOptions,
          epochSeconds,
          snapshot: async (state, asOf) => {
            applyEntries(state, await store.statusEntries(state.record.id, asOf))
            return state.statuses
          },
        })
      : createTokenCache(cacheOptions)
  /** Changes are recorded with the start of the current epoch: the published token keeps the status of that instant. */
  const changeEpoch = (now: number): number => (epochSeconds > 0 ? epochStart(now, epochSeconds) : now)

  /** The open list, creating a new one (once, even for concurrent callers) when it is full. */
  async function openList(): Promise<ListState> {
    if (open && open.usedCount < open.record.size) return open
    opening ??= (async () => {
      const record: StatusListRecord = { id: randomBytes(12).toString('base64url'), bits: BITS, size: listSize, createdAt: opts.now() }
      await store.createStatusList(record)
      const state = newListState(record, [])
      lists.set(record.id, state)
      open = state
      if (staticDir) void tokens.get(state).catch(opts.onStaticWriteError ?? (() => undefined)) // the static copy exists before any credential points at it
      return state
    })().finally(() => {
      opening = undefined
    })
    return opening
  }

  function changed(entries: readonly ChangedEntry[], status: number): void {
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

  /** Draws and reserves `count` free indices (possibly across a full list and a new one). */
  async function draw(count: number): Promise<{ state: ListState; ref: StatusRef }[]> {
    const drawn: { state: ListState; ref: StatusRef }[] = []
    while (drawn.length < count) {
      const state = await openList()
      const idx = drawFreeIndex(state)
      if (idx === undefined) continue // full: openList makes a new one
      markUsed(state, idx)
      drawn.push({ state, ref: { listId: state.record.id, idx, uri: uriOf(state.record.id) } })
    }
    return drawn
  }

  async function allocate<T>(count: number, commit: (refs: StatusRef[]) => Promise<CommitOutcome<T>>): Promise<T> {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer')
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const drawn = await draw(count)
      let outcome: CommitOutcome<T>
      try {
        outcome = await commit(drawn.map((d) => d.ref))
      } catch (err) {
        for (const d of drawn) markFree(d.state, d.ref.idx)
        throw err
      }
      if (outcome.ok) {
        if (outcome.status !== STATUS.VALID) changed(drawn.map((d) => d.ref), outcome.status)
        return outcome.value
      }
      // Another instance took an index: free the rest, learn what it allocated, draw again.
      const { taken } = outcome
      for (const d of drawn) if (d.ref.listId !== taken.listId || d.ref.idx !== taken.idx) markFree(d.state, d.ref.idx)
      const state = lists.get(taken.listId)
      if (state) applyEntries(state, await store.statusEntries(taken.listId))
    }
    throw new EidError('status_allocation_failed', 'no free status list index')
  }

  async function setPersonStatus(personId: string, name: StatusName): Promise<number> {
    const status = statusValue(name)
    const now = opts.now()
    const r = await store.setPersonStatus({ personId, status, keep: FINAL, now, epochStart: changeEpoch(now) })
    if (r.result === 'not_found') throw new EidError('not_found', 'no such person')
    if (r.result === 'kept') throw new EidError('status_change_not_allowed', 'the person is revoked; revocation is final')
    changed(r.entries, status)
    return r.entries.length
  }

  async function setCredentialStatus(credentialId: string, name: StatusName): Promise<boolean> {
    const status = statusValue(name)
    const now = opts.now()
    const r = await store.setCredentialStatus({ credentialId, status, keep: FINAL, now, epochStart: changeEpoch(now) })
    if (r.result === 'not_found') throw new EidError('not_found', 'no such credential')
    if (r.result === 'kept') throw new EidError('status_change_not_allowed', 'the credential is revoked; revocation is final')
    if (r.result === 'changed') changed([r.entry], status)
    return r.result === 'changed'
  }

  /**
   * Lists another instance on the shared store created after this one loaded its lists (each instance opens its own
   * list on its first issuance): one read of the list records at a time, at most once a second, so requests for
   * unknown ids cannot turn into a read each.
   */
  let discovering: Promise<void> | undefined
  let discoveredAt = -Infinity
  async function discoverLists(): Promise<void> {
    if (discovering) return discovering
    if (performance.now() - discoveredAt < 1000) return
    discovering = (async () => {
      for (const record of await store.statusLists()) {
        if (!lists.has(record.id)) lists.set(record.id, newListState(record, await store.statusEntries(record.id)))
      }
    })().finally(() => {
      discoveredAt = performance.now()
      discovering = undefined
    })
    return discovering
  }

  /** Reads of a list's stored entries in flight: concurrent requests at ttl expiry share one read. */
  const syncs = new Map<string, Promise<void>>()
  async function tokenFor(listId: string): Promise<ServedToken> {
    if (!lists.has(listId)) await discoverLists()
    const state = lists.get(listId)
    if (!state) throw new EidError('not_found', 'no such status list')
    // Once per ttl, pick up changes other issuer instances made in the shared store.
    if (tokens.isStale(state)) {
      let sync = syncs.get(listId)
      if (!sync) {
        sync = store.statusEntries(listId).then((entries) => applyEntries(state, entries)).finally(() => syncs.delete(listId))
        syncs.set(listId, sync)
      }
      await sync
    }
    return tokens.get(state)
  }

  async function publish(): Promise<void> {
    await Promise.all([...lists.keys()].map((id) => tokenFor(id)))
    await staticDir?.idle()
  }
  // Keep the static copies current without requests: at every epoch boundary, or twice per ttl.
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const schedule = (): void => {
    if (closed) return
    const now = opts.now()
    const seconds = epochSeconds > 0 ? epochStart(now, epochSeconds) + epochSeconds - now : Math.max(1, Math.floor(ttlSeconds / 2))
    timer = setTimeout(() => void publish().catch(opts.onStaticWriteError ?? (() => undefined)).finally(schedule), seconds * 1000 + 20)
    timer.unref()
  }
  if (staticDir) {
    await publish()
    schedule()
  }

  return {
    allocate,
    setPersonStatus,
    setCredentialStatus,
    personStatus: async (personId) => {
      const s = await store.personStatus(personId)
      return s === undefined ? undefined : NAME_BY_STATUS.get(s)
    },
    tokenFor,
    uriOf,
    listIds: () => [...lists.keys()],
    publish,
    close: () => {
      closed = true
      clearTimeout(timer)
    },
    router: statusListRouter({ tokenFor, now: opts.now }),
    adminRouter: statusAdminRouter({ setPersonStatus, setCredentialStatus }),
  }
}

function statusValue(name: StatusName): number {
  const v = Object.hasOwn(STATUS_BY_NAME, name) ? STATUS_BY_NAME[name] : undefined
  if (v === undefined) throw new EidError('invalid_request', 'status must be valid, invalid or suspended')
  return v
}
