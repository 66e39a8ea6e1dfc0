// In-memory image of one status list: the status of every entry and which indices are taken (or reserved by an issuance in flight).
import { randomInt } from 'node:crypto'
import type { StatusListRecord } from '../../shared/store/index.ts'

/** One list as the service holds it. `version` grows with every status change (the served token follows it). */
export interface ListState {
  record: StatusListRecord
  /** One status value per index. */
  statuses: Uint8Array
  /** 1 where the index is allocated or reserved. */
  used: Uint8Array
  usedCount: number
  version: number
}

/** A list image from its stored entries. */
export function newListState(record: StatusListRecord, entries: readonly { idx: number; status: number }[]): ListState {
  const state: ListState = { record, statuses: new Uint8Array(record.size), used: new Uint8Array(record.size), usedCount: 0, version: 0 }
  applyEntries(state, entries)
  return state
}

/**
 * Takes in the stored entries of the list (allocations and status changes other issuer instances made
 * in the shared database). Bumps `version` when a status differs.
 */
export function applyEntries(state: ListState, entries: readonly { idx: number; status: number }[]): void {
  const statuses = new Uint8Array(state.record.size)
  for (const { idx, status } of entries) {
    if (idx >= state.record.size) continue
    statuses[idx] = status
    markUsed(state, idx)
  }
  if (!Buffer.from(statuses).equals(state.statuses)) {
    state.statuses = statuses
    state.version++
  }
}

/** Marks `idx` allocated (idempotent). */
export function markUsed(state: ListState, idx: number): void {
  if (state.used[idx] === 1) return
  state.used[idx] = 1
  state.usedCount++
}

/** Frees a reserved `idx` whose issuance did not commit. */
export function markFree(state: ListState, idx: number): void {
  if (state.used[idx] === 0) return
  state.used[idx] = 0
  state.usedCount--
}

/**
 * A free index drawn uniformly at random with a CSPRNG, or undefined when the list is full. While at
 * most half the list is taken, rejection sampling (expected < 2 draws); beyond, the k-th free index
 * for a uniform k, so the cost stays bounded (one scan of the list) as it fills. Both are uniform over
 * the free indices.
 */
export function drawFreeIndex(state: ListState): number | undefined {
  const size = state.record.size
  const free = size - state.usedCount
  if (free <= 0) return undefined
  if (state.usedCount * 2 <= size) {
    for (;;) {
      const idx = randomInt(size)
      if (state.used[idx] === 0) return idx
    }
  }
  let k = randomInt(free)
  for (let idx = 0; idx < size; idx++) {
    if (state.used[idx] === 0 && k-- === 0) return idx
  }
  return undefined
}
