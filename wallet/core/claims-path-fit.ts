// Claims paths against the held credentials' structure (OpenID4VP 1.0 §7.1), before the DCQL library evaluates them:
// the grammar alone cannot tell whether `null` or an index meets an array, so the wallet checks at match time.
import { EidError } from '../../shared/errors/index.ts'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import { claimsPathMismatch } from '../../shared/registration/index.ts'
import type { ClaimsPath } from './state.ts'

/**
 * Throws `claims_path_invalid` when a claims path of a credential query steps wrongly into a held credential of a type
 * that query accepts: `null` or an index applied to a value that is not an array, or a name to one that is not an
 * object (§7.1 aborts there). A path leading to an absent claim is left to the matcher (no match).
 */
export function checkPathsFitHeld(query: ParsedDcqlQuery, held: readonly { vct: string; claims: Record<string, unknown> }[]): void {
  for (const cq of query.credentials) {
    const vcts = (cq.meta as { vct_values?: string[] } | undefined)?.vct_values
    const paths = (cq.claims ?? []).map((cl) => ('path' in cl ? (cl.path as ClaimsPath) : []))
    for (const h of held) {
      if (vcts !== undefined && !vcts.includes(h.vct)) continue
      for (const p of paths) {
        const problem = claimsPathMismatch(p, h.claims)
        if (problem !== undefined) throw new EidError('claims_path_invalid', `credential query ${cq.id}: ${problem}`)
      }
    }
  }
}
