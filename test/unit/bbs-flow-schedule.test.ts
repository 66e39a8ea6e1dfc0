// The wallet's BBS refresh schedule: runs at random times within [period, 2·period), asks for credentials expiring
// within `ahead`, keeps going after a failure, and stops.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startBbsRefreshSchedule } from '../../wallet/core/index.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('BBS refresh schedule', () => {
  it('refreshes once per randomised period, with the look-ahead, through failures, until stopped', async () => {
    vi.useFakeTimers()
    const calls: number[] = []
    const errors: unknown[] = []
    let fail = true
    const s = startBbsRefreshSchedule({
      refreshBbs: async (within) => {
        calls.push(within ?? -1)
        if (fail) {
          fail = false
          throw new Error('issuer down')
        }
        return 1
      },
    }, { periodSeconds: 100, aheadSeconds: 500, onError: (e) => errors.push(e) })
    await vi.advanceTimersByTimeAsync(99_000)
    expect(calls).toHaveLength(0) // never before one period
    await vi.advanceTimersByTimeAsync(101_000)
    expect(calls).toEqual([500]) // within [100 s, 200 s)
    expect(errors).toHaveLength(1)
    // The first run was before 200 s, so the second is before 400 s; a third fits only if both delays were short.
    await vi.advanceTimersByTimeAsync(200_000)
    expect(calls.length).toBeGreaterThanOrEqual(2) // the failure did not stop it
    expect(calls.length).toBeLessThanOrEqual(3) // never sooner than one period apart
    for (const within of calls) expect(within).toBe(500) // every run asks with the look-ahead
    const made = calls.length
    s.stop()
    await vi.advanceTimersByTimeAsync(1_000_000)
    expect(calls).toHaveLength(made)
  })
})
