// Maps the store's one-transaction issuance outcome (IssuerStore.issueBatch) to the credential endpoint's error codes.
import { EidError } from '../../shared/errors/index.ts'
import type { IssueBatchResult } from '../../shared/store/index.ts'
import type { CommitOutcome } from '../status/index.ts'

/**
 * `value` when the batch committed; `taken` (draw again) when another issuance took a status index;
 * otherwise the EidError of the refused single-use value. Nothing was written in any failure case.
 */
export function commitOutcome<T>(result: IssueBatchResult, value: T): CommitOutcome<T> {
  if (result.ok) return { ok: true, value, status: result.status }
  switch (result.reason) {
    case 'index_taken':
      return { ok: false, taken: { listId: result.listId, idx: result.idx } }
    case 'nonce_invalid':
      throw new EidError('nonce_invalid', 'c_nonce is unknown, expired or already used')
    case 'batch_too_large':
      throw new EidError('batch_too_large', 'this access token may not obtain that many credentials')
    case 'token_invalid':
      throw new EidError('access_token_invalid', 'access token is unknown or expired')
  }
}
