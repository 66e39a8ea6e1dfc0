// Refresh tokens in the issuer's SQLite store (RFC 6749 §6, rotation with replay detection as in RFC 9700 §4.14.2).
import type { SqliteDb } from '../sqlite/open.ts'
import type { IssuerStore, NewRefreshToken, RotateRefreshResult } from './types.ts'

type RefreshMethods = Pick<IssuerStore, 'findRefreshToken' | 'rotateRefreshToken'> & {
  /** Stores a refresh token for `personId` (inside redeemOffer's transaction). */
  insertRefresh(personId: string, t: NewRefreshToken, now: number): void
  /** Deletes refresh tokens expired at `cutoff`; returns how many. */
  purgeRefresh(cutoff: number): number
}

/** The refresh-token statements and methods over `db`. */
export function sqliteRefreshMethods(db: SqliteDb): RefreshMethods {
  const s = {
    insert: db.prepare(`INSERT INTO refresh_tokens (token_hash, family_id, person_id, configuration_id, expires_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    find: db.prepare('SELECT person_id, configuration_id FROM refresh_tokens WHERE token_hash = ? AND used = 0 AND expires_at > ?'),
    use: db.prepare(`UPDATE refresh_tokens SET used = 1 WHERE token_hash = ? AND used = 0 AND expires_at > ?
      RETURNING family_id, person_id, configuration_id`),
    revokeFamily: db.prepare(`UPDATE refresh_tokens SET used = 1
      WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND used = 1)`),
    insertToken: db.prepare('INSERT INTO access_tokens (token_hash, person_id, expires_at, remaining, configuration_id) VALUES (?, ?, ?, ?, ?)'),
    purge: db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?'),
  }
  const insertRefresh = (personId: string, t: NewRefreshToken, now: number): void => {
    s.insert.run(t.tokenHash, t.familyId, personId, t.configurationId, t.expiresAt, now)
  }
  const rotate = db.transaction((i: Parameters<IssuerStore['rotateRefreshToken']>[0]): RotateRefreshResult => {
    const used = s.use.get(i.tokenHash, i.now) as { family_id: string; person_id: string; configuration_id: string } | undefined
    if (used === undefined) return { ok: false, reason: s.revokeFamily.run(i.tokenHash).changes > 0 ? 'replayed' : 'unknown' }
    insertRefresh(used.person_id, { ...i.next, familyId: used.family_id, configurationId: used.configuration_id }, i.now)
    s.insertToken.run(i.token.tokenHash, used.person_id, i.token.expiresAt, i.token.credentialLimit, used.configuration_id)
    return { ok: true, personId: used.person_id, configurationId: used.configuration_id }
  })
  return {
    insertRefresh,
    purgeRefresh: (cutoff) => s.purge.run(cutoff).changes,
    async findRefreshToken(tokenHash, now) {
      const row = s.find.get(tokenHash, now) as { person_id: string; configuration_id: string } | undefined
      return row ? { personId: row.person_id, configurationId: row.configuration_id } : undefined
    },
    async rotateRefreshToken(input) {
      return rotate.immediate(input)
    },
  }
}
