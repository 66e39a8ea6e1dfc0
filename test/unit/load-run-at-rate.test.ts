// The load tool's open loop (load/http.ts runAtRate): arrivals at a fixed rate whatever the answers' speed, at most
// `maxInFlight` in flight, and each latency from the scheduled start, so time queued behind slow answers counts.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { runAtRate } from '../../load/http.ts'

describe('runAtRate', () => {
  it('starts items on schedule when answers are fast', async () => {
    const starts: number[] = []
    const t0 = performance.now()
    const run = await runAtRate([...Array(10).keys()], 100, 4, 10, async (i) => {
      starts.push(performance.now() - t0)
      return i
    })
    expect(run.results).toHaveLength(10)
    // item i is due at 10·i ms: never started before it is due
    for (const [i, at] of starts.entries()) expect(at).toBeGreaterThanOrEqual(10 * i - 1)
    expect(run.seconds).toBeGreaterThanOrEqual(0.089)
  })

  it('never has more than maxInFlight in flight, and counts the queueing in the latency', async () => {
    let inFlight = 0
    let most = 0
    const run = await runAtRate([...Array(12).keys()], 1000, 2, 10, async (i) => {
      most = Math.max(most, ++inFlight)
      await sleep(20)
      inFlight--
      return i
    })
    expect(most).toBe(2)
    expect(run.results.sort((a, b) => a - b)).toEqual([...Array(12).keys()])
    // 12 items, 2 at a time, 20 ms each: the last pair waits 5 rounds behind the others (its schedule was 11 ms in)
    expect(Math.max(...run.latenciesMs)).toBeGreaterThanOrEqual(100)
  })

  it('leaves out items not due before maxSeconds', async () => {
    const run = await runAtRate([...Array(100).keys()], 100, 4, 0.05, async (i) => i)
    expect(run.results.length).toBeGreaterThanOrEqual(4)
    expect(run.results.length).toBeLessThanOrEqual(6)
  })
})
