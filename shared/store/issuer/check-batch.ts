// What the adapters' IssuerStore.issueBatch share: the argument check (a malformed batch is a caller bug, refused before
// any write) and the typed rollback that turns a refused transaction into its IssueBatchResult.
import type { IssueBatchInput, IssueBatchResult } from './types.ts'

type Failure = Exclude<IssueBatchResult, { ok: true }>

/** Thrown inside an adapter's issuance transaction to roll it back with a typed outcome. */
export class BatchRollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.reason)
  }
}

/** A batch whose entries name credentials it does not record, or records for another person, is a caller bug. */
export function checkBatch(input: IssueBatchInput): void {
  const ids = new Set(input.records.map((r) => r.credentialId))
  if (input.records.length === 0) throw new RangeError('issueBatch: records must not be empty')
  if (input.records.some((r) => r.personId !== input.personId)) throw new RangeError('issueBatch: every record must belong to personId')
  if (input.entries.some((e) => !ids.has(e.credentialId))) throw new RangeError('issueBatch: every entry must name a recorded credential')
}

/** `issueBatch` over an adapter's transaction `run` (the person's status on commit): checks the input, maps a BatchRollback to its failure. */
export function issueBatchWith(run: (input: IssueBatchInput) => number | Promise<number>): (input: IssueBatchInput) => Promise<IssueBatchResult> {
  return async (input) => {
    checkBatch(input)
    try {
      return { ok: true, status: await run(input) }
    } catch (err) {
      if (err instanceof BatchRollback) return err.failure
      throw err
    }
  }
}
