// Unlocked browser sessions of the wallet page: one opened wallet per session, an anti-CSRF token, an idle timeout.
import { randomBytes } from 'node:crypto'
import type { PreparedPresentation, Wallet } from '../core/index.ts'

export interface Session {
  readonly id: string
  /** Anti-CSRF token of this session: every state-changing request carries it. */
  readonly csrf: string
  readonly wallet: Wallet
  lastSeen: number
  /** Requests checked and waiting for the person's decision, by random id. */
  readonly pending: Map<string, { prepared: PreparedPresentation; expiresAt: number }>
}

export interface SessionStoreOptions {
  /** Seconds without a request after which the session is locked. */
  idleSeconds: number
  /** Most sessions at once; the least recently used is locked first. */
  max?: number
  /** Clock, epoch milliseconds (tests). */
  nowMs?: () => number
}

export interface SessionStore {
  create(wallet: Wallet): Session
  /** The live session `id`, touched; undefined when unknown or idle too long (then it is forgotten). */
  get(id: string | undefined): Session | undefined
  destroy(id: string): void
  readonly idleSeconds: number
}

export function createSessionStore(opts: SessionStoreOptions): SessionStore {
  const sessions = new Map<string, Session>()
  const nowMs = opts.nowMs ?? Date.now
  const max = opts.max ?? 16
  const expired = (s: Session): boolean => nowMs() - s.lastSeen > opts.idleSeconds * 1000
  return {
    idleSeconds: opts.idleSeconds,
    create(wallet) {
      for (const [id, s] of sessions) if (expired(s)) sessions.delete(id)
      while (sessions.size >= max) sessions.delete(sessions.keys().next().value as string)
      const session: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url'), wallet, lastSeen: nowMs(), pending: new Map() }
      sessions.set(session.id, session)
      return session
    },
    get(id) {
      if (id === undefined) return undefined
      const s = sessions.get(id)
      if (s === undefined) return undefined
      if (expired(s)) {
        sessions.delete(id)
        return undefined
      }
      s.lastSeen = nowMs()
      // most recently used last: eviction takes the first
      sessions.delete(id)
      sessions.set(id, s)
      return s
    },
    destroy: (id) => void sessions.delete(id),
  }
}
