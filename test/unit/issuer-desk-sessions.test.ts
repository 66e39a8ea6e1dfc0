// Desk sessions (issuer/desk/sessions.ts): an expired or unknown session is `unauthorized`, a wrong or missing CSRF token
// `forbidden`, a signed-out session is gone, and the store keeps at most 1000 sessions (the oldest goes first).
import type { Request } from 'express'
import { describe, expect, it } from 'vitest'
import { DESK_COOKIE, deskSessions } from '../../issuer/desk/sessions.ts'

const req = (id: string | undefined, body: unknown = {}): Request =>
  ({ get: (h: string) => (h.toLowerCase() === 'cookie' && id !== undefined ? `lang=en; ${DESK_COOKIE}=${id}` : undefined), body }) as unknown as Request

describe('desk sessions', () => {
  it('a session lives until its ttl, then is unauthorized; an unknown cookie or none is unauthorized', () => {
    const s = deskSessions(60)
    const { id, session } = s.create(1000)
    expect(s.require(req(id), 1059)).toBe(session)
    expect(() => s.require(req(id), 1060)).toThrow(expect.objectContaining({ code: 'unauthorized' }))
    expect(() => s.require(req(id), 1000)).toThrow(expect.objectContaining({ code: 'unauthorized' })) // removed once seen expired
    expect(() => s.require(req('not-a-session'), 1000)).toThrow(expect.objectContaining({ code: 'unauthorized' }))
    expect(() => s.require(req(undefined), 1000)).toThrow(expect.objectContaining({ code: 'unauthorized' }))
  })

  it('a form needs the session CSRF token: missing, wrong, of another length or not a string is forbidden', () => {
    const s = deskSessions()
    const { id, session } = s.create(0)
    expect(s.requireForm(req(id, { csrf: session.csrf }), 1)).toBe(session)
    for (const csrf of [undefined, '', session.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), `${session.csrf}x`, [session.csrf]]) {
      expect(() => s.requireForm(req(id, { csrf }), 1), JSON.stringify(csrf)).toThrow(expect.objectContaining({ code: 'forbidden' }))
    }
    const other = s.create(0)
    expect(() => s.requireForm(req(id, { csrf: other.session.csrf }), 1)).toThrow(expect.objectContaining({ code: 'forbidden' }))
  })

  it('sign-out ends the session; at most 1000 sessions are kept, the oldest dropped first', () => {
    const s = deskSessions()
    const first = s.create(0)
    s.end(req(first.id))
    expect(() => s.require(req(first.id), 1)).toThrow(expect.objectContaining({ code: 'unauthorized' }))
    const ids = Array.from({ length: 1001 }, () => s.create(0).id)
    expect(() => s.require(req(ids[0]), 1)).toThrow(expect.objectContaining({ code: 'unauthorized' }))
    expect(s.require(req(ids[1]), 1).expiresAt).toBeGreaterThan(1)
    expect(s.require(req(ids[1000]), 1).expiresAt).toBeGreaterThan(1)
  })
})
