// The wallet's SD-JWT top-up schedule: runs at random times within [period, 2·period) with the threshold, sums what
// was added, keeps going after a failure, and stops. Nothing else calls topUp: presenting never does.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startTopUpSchedule } from '../../wallet/core/index.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('SD-JWT top-up schedule', () => {
  it('tops up once per randomised period, with the threshold, through failures, until stopped', async () => {
    vi.useFakeTimers()
    const calls: (number | undefined)[] = []
    const errors: unknown[] = []
    const added: number[] = []
    let fail = true
    const s = startTopUpSchedule({
      topUp: async (opts) => {
        calls.push(opts?.threshold)
        if (fail) {
          fail = false
          throw new Error('issuer down')
        }
        return [{ count: 4 }, { count: 6 }]
      },
    }, { periodSeconds: 100, threshold: 5, onError: (e) => errors.push(e), onToppedUp: (n) => added.push(n) })
    await vi.advanceTimersByTimeAsync(99_000)
    expect(calls).toHaveLength(0) // never before one period
    await vi.advanceTimersByTimeAsync(101_000)
    expect(calls).toEqual([5])
    expect(errors).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200_000)
    expect(calls.length).toBeGreaterThanOrEqual(2) // the failure did not stop it
    expect(calls.length).toBeLessThanOrEqual(3)
    expect(added[0]).toBe(10)
    const made = calls.length
    s.stop()
    await vi.advanceTimersByTimeAsync(1_000_000)
    expect(calls).toHaveLength(made)
  })
})
