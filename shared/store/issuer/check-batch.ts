// Argument check of IssuerStore.issueBatch shared by the adapters: a malformed batch is a caller bug, refused before any write.
import type { IssueBatchInput } from './types.ts'

/** A batch whose entries name credentials it does not record, or records for another person, is a caller bug. */
export function checkBatch(input: IssueBatchInput): void {
  const ids = new Set(input.records.map((r) => r.credentialId))
  if (input.records.length === 0) throw new RangeError('issueBatch: records must not be empty')
  if (input.records.some((r) => r.personId !== input.personId)) throw new RangeError('issueBatch: every record must belong to personId')
  if (input.entries.some((e) => !ids.has(e.credentialId))) throw new RangeError('issueBatch: every entry must name a recorded credential')
}
