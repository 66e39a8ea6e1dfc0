// Refresh tokens in the issuer's PostgreSQL store (RFC 6749 §6, rotation with replay detection as in RFC 9700 §4.14.2).
import type { Pool, PoolClient } from 'pg'
import type { IssuerStore, NewRefreshToken, RotateRefreshResult } from '../issuer/types.ts'
import { inTransaction } from './pool.ts'

/** Stores a refresh token for `personId` on `c` (inside redeemOffer's transaction). */
export async function pgInsertRefresh(c: PoolClient, personId: string, t: NewRefreshToken, now: number): Promise<void> {
  await c.query(
    'INSERT INTO refresh_tokens (token_hash, family_id, person_id, configuration_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [t.tokenHash, t.familyId, personId, t.configurationId, t.expiresAt, now],
  )
}

/** `findRefreshToken` and `rotateRefreshToken` over `pool`. */
export function pgRefreshMethods(pool: Pool): Pick<IssuerStore, 'findRefreshToken' | 'rotateRefreshToken'> {
  return {
    async findRefreshToken(tokenHash, now) {
      const row = (
        await pool.query<{ person_id: string; configuration_id: string }>(
          'SELECT person_id, configuration_id FROM refresh_tokens WHERE token_hash = $1 AND NOT used AND expires_at > $2',
          [tokenHash, now],
        )
      ).rows[0]
      return row ? { personId: row.person_id, configurationId: row.configuration_id } : undefined
    },
    rotateRefreshToken: (i) =>
      inTransaction(pool, async (c): Promise<RotateRefreshResult> => {
        const used = (
          await c.query<{ family_id: string; person_id: string; configuration_id: string }>(
            `UPDATE refresh_tokens SET used = true WHERE token_hash = $1 AND NOT used AND expires_at > $2
             RETURNING family_id, person_id, configuration_id`,
            [i.tokenHash, i.now],
          )
        ).rows[0]
        if (used === undefined) {
          const revoked = await c.query(
            'UPDATE refresh_tokens SET used = true WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used)',
            [i.tokenHash],
          )
          return { ok: false, reason: (revoked.rowCount ?? 0) > 0 ? 'replayed' : 'unknown' }
        }
        await pgInsertRefresh(c, used.person_id, { ...i.next, familyId: used.family_id, configurationId: used.configuration_id }, i.now)
        await c.query('INSERT INTO access_tokens (token_hash, person_id, expires_at, remaining, configuration_id) VALUES ($1, $2, $3, $4, $5)', [
          i.token.tokenHash,
          used.person_id,
          i.token.expiresAt,
          i.token.credentialLimit,
          used.configuration_id,
        ])
        return { ok: true, personId: used.person_id, configurationId: used.configuration_id }
      }),
  }
}
