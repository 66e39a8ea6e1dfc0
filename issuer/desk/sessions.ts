// Desk sessions: the admin token is typed once at login and exchanged for a session cookie (HttpOnly, SameSite=Strict)
// and a per-session anti-CSRF token that every form carries. Kept in memory: a restart signs everyone out.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request } from 'express'
import { EidError } from '../../shared/errors/index.ts'

export const DESK_COOKIE = 'desk_session'
const MAX_SESSIONS = 1000

export interface DeskSession {
  csrf: string
  expiresAt: number
}

export interface DeskSessions {
  create(now: number): { id: string; session: DeskSession }
  /** The live session of the request's cookie; 401 `unauthorized` without one. */
  require(req: Request, now: number): DeskSession
  /** As `require`, and 403 `forbidden` unless the form's `csrf` equals the session's token. */
  requireForm(req: Request, now: number): DeskSession
  end(req: Request): void
}

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, v] = part.trim().split('=')
    if (k === name && v !== undefined) return v
  }
  return undefined
}

export function deskSessions(ttlSeconds = 8 * 3600): DeskSessions {
  const sessions = new Map<string, DeskSession>()
  const find = (req: Request, now: number): DeskSession | undefined => {
    const id = cookieValue(req, DESK_COOKIE)
    const s = id === undefined ? undefined : sessions.get(id)
    if (s && s.expiresAt <= now) sessions.delete(id as string)
    return s && s.expiresAt > now ? s : undefined
  }
  return {
    create(now) {
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string)
      const id = randomBytes(32).toString('base64url')
      const session = { csrf: randomBytes(32).toString('base64url'), expiresAt: now + ttlSeconds }
      sessions.set(id, session)
      return { id, session }
    },
    require(req, now) {
      const s = find(req, now)
      if (!s) throw new EidError('unauthorized', 'sign in at the desk first')
      return s
    },
    requireForm(req, now) {
      const s = this.require(req, now)
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>
      const given = Buffer.from(typeof body.csrf === 'string' ? body.csrf : '')
      const expected = Buffer.from(s.csrf)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new EidError('forbidden', 'the form is stale or came from another site; reload the desk page')
      return s
    },
    end(req) {
      const id = cookieValue(req, DESK_COOKIE)
      if (id !== undefined) sessions.delete(id)
    },
  }
}
