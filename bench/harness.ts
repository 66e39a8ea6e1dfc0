// Benchmark harness: mitata measurements reported as medians, printed beside a reference as ratios.
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

/** Median milliseconds of `fn` (sync or async) measured by mitata, bounded in samples and time. */
export async function medianMs(fn: () => unknown, opts: { maxSamples?: number; minCpuTimeMs?: number } = {}): Promise<number> {
  const stats = await measure(fn, {
    min_samples: 5,
    max_samples: opts.maxSamples ?? 200,
    min_cpu_time: (opts.minCpuTimeMs ?? 400) * 1e6,
  })
  return stats.p50 / 1e6
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
