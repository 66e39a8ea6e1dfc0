// Benchmark harness: rows measured in interleaved rounds (every row once per round, order rotated), reported as the median
// over rounds and printed beside a reference row as ratios; the machine header; peers named with their installed versions.
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { measure } from 'mitata'

export interface Row {
  /** What was measured. */
  name: string
  /** Median time of one call, milliseconds. */
  medianMs: number
  /** Name of the row this one is compared with (its ratio is medianMs / reference.medianMs). */
  ref?: string
  /** Free-form note printed after the figures (e.g. a size in bytes). */
  note?: string
}

/** One row to measure: `fn` is called (and awaited) repeatedly. */
export interface Case {
  name: string
  fn: () => unknown
  ref?: string
  note?: string
}

/** Median milliseconds of `fn` (sync or async) measured by mitata, bounded in samples and time. */
export async function medianMs(fn: () => unknown, opts: { maxSamples?: number; minCpuTimeMs?: number } = {}): Promise<number> {
  const stats = await measure(fn, {
    min_samples: 5,
    max_samples: opts.maxSamples ?? 200,
    min_cpu_time: (opts.minCpuTimeMs ?? 400) * 1e6,
  })
  return stats.p50 / 1e6
}

export interface InterleaveOptions {
  /** Rounds; each round times every case once (default 7). */
  rounds?: number
  /** Target wall time of one case's batch in a round, ms (default 40): fast rows are called many times per batch. */
  batchMs?: number
  /**
   * What a sample measures: `wall` time (default), or this process's `cpu` time (user + system, all threads), which a
   * busy shared machine does not inflate; only meaningful for rows whose work runs in this process.
   */
  clock?: 'wall' | 'cpu'
}

/** Calls in one timed sample: enough that a sample lasts at least this long, so timer overhead stays negligible. */
const MIN_SAMPLE_MS = 0.05
/** The same for CPU-time samples: process.cpuUsage() is coarser and costs more than performance.now(). */
const MIN_CPU_SAMPLE_MS = 1

/** This process's CPU time so far (user + system), milliseconds. */
function cpuNowMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * Measures every case in the same rounds: each round runs one batch of each case (about `batchMs` long, calibrated
 * once), starting at a different case each round. A batch is timed in samples of a few calls; the round's figure is the
 * median sample (a sample cut by the scheduler or a GC pause does not move it), and the row's figure is the median over
 * rounds. A burst of load on a shared machine hits the rows of a round alike instead of one row.
 */
export async function measureInterleaved(cases: readonly Case[], opts: InterleaveOptions = {}): Promise<Row[]> {
  const rounds = opts.rounds ?? 7
  const batchMs = opts.batchMs ?? 40
  const now = opts.clock === 'cpu' ? cpuNowMs : () => performance.now()
  const minSampleMs = opts.clock === 'cpu' ? MIN_CPU_SAMPLE_MS : MIN_SAMPLE_MS
  const plan: { perSample: number; samples: number }[] = []
  for (const c of cases) {
    // Warm-up and calibration: call until a quarter batch has passed (at least twice).
    await c.fn()
    let calls = 0
    const t = performance.now()
    while (calls < 2 || performance.now() - t < batchMs / 4) {
      await c.fn()
      calls++
    }
    const once = Math.max((performance.now() - t) / calls, 1e-4)
    const perSample = Math.max(1, Math.ceil(minSampleMs / once))
    plan.push({ perSample, samples: Math.max(1, Math.min(10_000, Math.round(batchMs / (once * perSample)))) })
  }
  const perRound: number[][] = cases.map(() => [])
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length
      const c = cases[i] as Case
      const { perSample, samples } = plan[i] as { perSample: number; samples: number }
      const times: number[] = []
      for (let n = 0; n < samples; n++) {
        const t = now()
        // Sync rows are not awaited: an await on a plain value would add a microtask to every call.
        for (let j = 0; j < perSample; j++) {
          const v = c.fn()
          if (v instanceof Promise) await v
        }
        times.push((now() - t) / perSample)
      }
      ;(perRound[i] as number[]).push(median(times))
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    medianMs: median(perRound[i] as number[]),
    ...(c.ref === undefined ? {} : { ref: c.ref }),
    ...(c.note === undefined ? {} : { note: c.note }),
  }))
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** `name version` of an installed package, read from its package.json (peers are named with what was measured). */
export function peerName(pkg: string): string {
  const file = new URL(`../node_modules/${pkg}/package.json`, import.meta.url)
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: string }
  return `${pkg} ${version ?? '?'}`
}

/** The header line: Node version, CPU model, cores, and the load average when the run started (a busy machine skews figures). */
export function machineHeader(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const load = loadavg().map((l) => l.toFixed(2)).join(' ')
  return `# npm run bench: node ${process.version}, ${model}, ${availableParallelism()} cores, ${process.platform}/${process.arch}, load average ${load}`
}

/** Prints a titled table: median, the compared row, and the ratio. */
export function printTable(title: string, rows: Row[]): void {
  const byName = new Map(rows.map((r) => [r.name, r]))
  const width = Math.max(...rows.map((r) => r.name.length), 10)
  console.log(`\n## ${title}`)
  console.log(`${'operation'.padEnd(width)}  ${'median'.padStart(11)}  ratio`)
  for (const r of rows) {
    const ref = r.ref === undefined ? undefined : byName.get(r.ref)
    const ratio = ref ? `${(r.medianMs / ref.medianMs).toFixed(2)}x ${r.ref}` : ''
    const note = r.note ? `  (${r.note})` : ''
    console.log(`${r.name.padEnd(width)}  ${formatMs(r.medianMs).padStart(11)}  ${ratio}${note}`)
  }
}

function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a'
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`
}
