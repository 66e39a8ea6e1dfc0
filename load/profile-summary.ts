// Summarises V8 CPU profiles (from `npm run load -- --cpu-prof <dir>`): self time by function and by file or package,
// as % of the non-idle samples. `npx tsx load/profile-summary.ts [--from <s>] [--top <n>] <file.cpuprofile>...`;
// --from skips each profile's first seconds (start-up and module loading); --focus <name> keeps only the samples whose
// stack has a function of that name (for example the direct_post handler), so one route's cost can be read apart.
// --between keeps the samples of one load level (the window `npm run load --cpu-prof` prints).
import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface Profile { nodes: { id: number; callFrame: CallFrame; children?: number[] }[]; samples: number[]; timeDeltas: number[] }

/** `node_modules/<package>` or the path below the repository root (or the node: module). */
function fileOf(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm) return `npm:${nm[1] as string}`
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)'
}

function add(m: Map<string, number>, k: string, t: number): void {
  m.set(k, (m.get(k) ?? 0) + t)
}

function main(): void {
  const o = new Command('profile-summary').argument('<files...>')
    .addOption(new Option('--from <s>', 'skip the first seconds of each profile').default('0'))
    .addOption(new Option('--top <n>', 'rows per table').default('40'))
    .addOption(new Option('--between <a..b>', 'only samples between these monotonic-clock µs (a level\'s "profile window" that npm run load prints)'))
    .addOption(new Option('--focus <name>', 'only samples with a function of this name on the stack'))
    .parse(process.argv)
  const { from, top, focus, between } = o.opts<{ from: string; top: string; focus?: string; between?: string }>()
  const [lo, hi] = between === undefined ? [-Infinity, Infinity] : between.split('..').map(Number) as [number, number]
  const byFunction = new Map<string, number>()
  const byFile = new Map<string, number>()
  let total = 0
  for (const file of o.args) {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
    const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]))
    const parent = new Map<number, number>()
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
    const inFocus = (id: number): boolean => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (nodes.get(at)?.functionName === focus) return true
      return false
    }
    let at = 0
    let clock = (p as Profile & { startTime: number }).startTime
    for (let i = 0; i < p.samples.length; i++) {
      const dt = p.timeDeltas[i] ?? 0
      at += dt
      clock += dt
      const cf = nodes.get(p.samples[i] as number)
      if (cf === undefined || cf.functionName === '(idle)' || at < Number(from) * 1e6 || clock < lo || clock > hi) continue
      if (focus !== undefined && !inFocus(p.samples[i] as number)) continue
      total += dt
      add(byFunction, `${cf.functionName || '(anonymous)'} ${fileOf(cf.url)}:${cf.lineNumber + 1}`, dt)
      add(byFile, cf.url === '' ? cf.functionName : fileOf(cf.url), dt)
    }
  }
  const show = (title: string, m: Map<string, number>): void => {
    console.log(`\n${title}`)
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${(100 * t / total).toFixed(1).padStart(5)} %  ${k}`)
  }
  console.log(`${o.args.length} profiles, ${(total / 1e6).toFixed(2)} s of non-idle samples`)
  show('self time by function', byFunction)
  show('self time by file or package', byFile)
}

main()
