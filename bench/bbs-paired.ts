// Paired ratios for the BBS bench: ours and a peer timed call against call in alternating order (CPU clock), the ratio
// taken per pair and summarised by its median, so a burst of load on the shared machine (or CPU time stolen from the
// virtual machine and charged to this process) hits both sides of a ratio alike instead of one row of a round.
import { median } from './harness.ts'

/** CPU time of this process in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** CPU milliseconds of one call (awaited when it returns a promise). */
async function timeCall(fn: () => unknown): Promise<number> {
  const t = cpuMs()
  const v = fn()
  if (v instanceof Promise) await v
  return cpuMs() - t
}

/** Per-pair ratios peer/ours over `pairs` alternating pairs: the median and the interquartile range. */
export async function pairedRatio(ours: () => unknown, peer: () => unknown, pairs: number): Promise<{ median: number; q1: number; q3: number }> {
  await timeCall(ours)
  await timeCall(peer)
  const ratios: number[] = []
  for (let i = 0; i < pairs; i++) {
    let oursMs: number
    let peerMs: number
    if (i % 2 === 0) {
      oursMs = await timeCall(ours)
      peerMs = await timeCall(peer)
    } else {
      peerMs = await timeCall(peer)
      oursMs = await timeCall(ours)
    }
    ratios.push(peerMs / Math.max(oursMs, 1e-3))
  }
  const s = [...ratios].sort((x, y) => x - y)
  return { median: median(s), q1: s[Math.floor(s.length / 4)] as number, q3: s[Math.floor((3 * s.length) / 4)] as number }
}
