// For parity tests of a fast path beside its reference: what a call gives, a value or its EidError's code and message.
import fc from 'fast-check'
import { expect } from 'vitest'
import { isEidError } from '../../shared/errors/index.ts'

/** `f()`'s value, or `{ code, message }` of the EidError it throws; any other error is rethrown. */
export function eidOutcome(f: () => unknown): unknown {
  try {
    return f()
  } catch (err) {
    if (isEidError(err)) return { code: err.code, message: err.message }
    throw err
  }
}

/**
 * The parity property of a fast path: for every value `arb` draws, `fast` gives `reference`'s eidOutcome (`calls` times
 * in a row, for a fast path that remembers what it saw), and the draws reached exactly the outcomes `reached` (error
 * codes, 'ok' for a value), so both sides of every decision were compared.
 */
export function assertSameOutcomes<T>(arb: fc.Arbitrary<T>, fast: (v: T) => unknown, reference: (v: T) => unknown, o: { numRuns: number; reached: string[]; calls?: number }): void {
  const seen = new Set<string>()
  fc.assert(fc.property(arb, (v) => {
    const want = eidOutcome(() => reference(v)) as { code?: string }
    seen.add(want.code ?? 'ok')
    for (let i = 0; i < (o.calls ?? 1); i++) expect(eidOutcome(() => fast(v))).toEqual(want)
  }), { numRuns: o.numRuns })
  expect([...seen].sort()).toEqual([...o.reached].sort())
}
