// npm run load: a bounded load generator in its own process against issuer/server.ts and verifier/server.ts, each in
// its own processes on 127.0.0.1 (WORKERS), on SQLite and, with DATABASE_URL, PostgreSQL. `npm run load -- --help`.
import { availableParallelism, cpus } from 'node:os'
import { resolve } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { workerCount } from '../shared/http-server/index.ts'
import { procAvailable } from './cpu.ts'
import { rawCosts, webCryptoVerifyLimit } from './crypto-limits.ts'
import { nodeCryptoBatchMs } from './node-crypto-raw.ts'
import { issuanceLoad } from './issuance.ts'
import type { HeldCredential } from './issuance.ts'
import { presentationLoad } from './presentations.ts'
import type { LevelPlan } from './presentations.ts'
import { printIssuance, printLimits, printPresentations } from './report.ts'
import type { BackendResult } from './report.ts'
import { startFloor, startServices } from './services.ts'
import type { Backend, Services } from './services.ts'

/** Credentials per issuance flow: the issuer's batch size (issuer/config.ts default). */
const BATCH = 10
const TOP_UP_CONCURRENCY = 16

function positiveList(value: string): number[] {
  const list = value.split(',').map((s) => Number(s.trim()))
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError('expected whole numbers ≥ 1, comma-separated')
  return list
}

function positiveWhole(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return n
}

function wholeNumber(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0')
  return n
}

function positiveNumber(value: string): number {
  const n = Number(value)
  if (!(n > 0)) throw new InvalidArgumentError('expected a number > 0')
  return n
}

function fractions(value: string): number[] {
  if (value.trim() === '0') return []
  const list = value.split(',').map((x) => Number(x.trim()))
  if (list.length === 0 || list.some((n) => !(n > 0 && n <= 1))) throw new InvalidArgumentError('expected fractions in (0, 1], comma-separated, or 0 for none')
  return list
}

function backends(value: string): Backend[] {
  const list = value.split(',').map((s) => s.trim())
  for (const b of list) if (b !== 'sqlite' && b !== 'postgres') throw new InvalidArgumentError('expected sqlite and/or postgres')
  return list as Backend[]
}

interface Options {
  workers: string
  backends?: Backend[]
  concurrency: number[]
  presentations: number[]
  issueConcurrency: number[]
  issueFlows: number[]
  issueWarmup: number
  presentWarmup: number
  maxSeconds: number
  paced: number[]
  pacedWallets: number
  pacedSeconds: number
  limitSeconds: number
  rawSeconds: number
  cpuProf?: string
  floor: boolean
}

function program(): Command {
  return new Command('load')
    .description('Load on the production issuer and verifier servers (own processes, 127.0.0.1, file-backed stores, status checks on). ' +
      'Figures are printed beside the WebCrypto ES256 limit and raw costs measured in the same run; exits 1 if any presentation is not verified.')
    .addOption(new Option('--workers <n|auto>', 'WORKERS of each service (node:cluster processes)').default('auto'))
    .addOption(new Option('--backends <list>', 'sqlite and/or postgres (postgres needs DATABASE_URL; each run gets fresh schemas)').argParser(backends)
      .default(undefined, 'sqlite, and postgres when DATABASE_URL is set'))
    .addOption(new Option('--concurrency <list>', 'concurrent wallets posting presentations, one level each').argParser(positiveList).default([1, 16, 64], '1,16,64'))
    .addOption(new Option('--presentations <list>', 'presentations per level (the last number repeats)').argParser(positiveList).default([100, 500, 600], '100,500,600'))
    .addOption(new Option('--issue-concurrency <list>', 'concurrent wallets running issuance flows, one level each').argParser(positiveList).default([1, 4, 16], '1,4,16'))
    .addOption(new Option('--issue-flows <list>', `issuance flows per level, ${BATCH} credentials each (the last number repeats; more are issued untimed when the presentations need them)`)
      .argParser(positiveList).default([10, 30, 80], '10,30,80'))
    .addOption(new Option('--issue-warmup <n>', 'issuance flows run untimed before the issuance levels (JIT warm-up of the issuer processes; 0 for none)')
      .argParser(wholeNumber).default(40))
    .addOption(new Option('--present-warmup <n>', 'presentations posted untimed before the presentation levels (JIT warm-up of the verifier processes; 0 for none)')
      .argParser(wholeNumber).default(200))
    .addOption(new Option('--paced <fractions>', 'open-loop levels after those: wallets arrive at these fractions of the WebCrypto limit (the higher of the first measurement and one just before the presentations), comma-separated; none for 0')
      .argParser(fractions).default([0.25], '0.25'))
    .addOption(new Option('--paced-wallets <n>', 'most presentations in flight in an open-loop level').argParser(positiveWhole).default(64))
    .addOption(new Option('--paced-seconds <s>', 'duration of each open-loop level').argParser(positiveNumber).default(2))
    .addOption(new Option('--max-seconds <s>', 'cap per level: items not started by then are left out').argParser(positiveNumber).default(20))
    .addOption(new Option('--limit-seconds <s>', 'duration of the WebCrypto verify limit measurement').argParser(positiveNumber).default(3))
    .addOption(new Option('--cpu-prof <dir>', 'write a V8 CPU profile of every service process (node --cpu-prof, one sample per 10 ms) into <dir>'))
    .addOption(new Option('--no-floor', 'skip the floor: the same presentations posted the same way to a bare node:http server doing only their raw crypto (load/floor-server.ts)'))
    .addOption(new Option('--raw-seconds <s>', 'duration of each raw-cost measurement (verify, sign, import)').argParser(positiveNumber).default(1))
    .showHelpAfterError()
}

let current: Services | undefined
const runStarted = performance.now()

/** A progress line on stderr with the seconds since the run started. */
function progress(backend: Backend, what: string): void {
  console.error(`[${backend} ${((performance.now() - runStarted) / 1000).toFixed(0)} s] ${what}`)
}

/** One backend: fresh services, issuance levels (plus untimed top-up), presentation levels, stop. */
async function runBackend(backend: Backend, o: Options, workers: number, limitBefore: number): Promise<{ result: BackendResult; rejected: Record<string, number> }> {
  const s = await startServices({ backend, workers: o.workers, workerCount: workers, ...(o.cpuProf !== undefined ? { cpuProfDir: resolve(o.cpuProf) } : {}), ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) })
  current = s
  try {
    progress(backend, `services up (issuer ${s.issuer.pids.length} processes, verifier ${s.verifier.pids.length}); issuing`)
    const issued = await issuanceLoad(s, { concurrencies: o.issueConcurrency, flows: o.issueFlows, batch: BATCH, maxSeconds: o.maxSeconds, warmup: o.issueWarmup })
    // the open loop's rate from the higher of the run's first limit and one measured now, with the services idle: the
    // machine's speed drifts, and a low first measurement would offer the verifier less than the fraction asked for
    const limitPerSecond = o.paced.length === 0 ? limitBefore : Math.max(limitBefore, await webCryptoVerifyLimit(availableParallelism(), o.limitSeconds) / 2)
    const levels: LevelPlan[] = [
      ...o.concurrency.map((concurrency, i) => ({ concurrency, count: o.presentations[i] ?? o.presentations.at(-1) ?? 0 })),
      ...o.paced.map((fraction) => ({ concurrency: o.pacedWallets, rate: fraction * limitPerSecond, count: Math.ceil(fraction * limitPerSecond * o.pacedSeconds) })),
    ]
    const needed = levels.reduce((a, l) => a + l.count, o.presentWarmup)
    const credentials: HeldCredential[] = issued.credentials
    if (credentials.length < needed) {
      const flows = Math.ceil((needed - credentials.length) / BATCH)
      progress(backend, `issuing ${flows} more flows (untimed) for ${needed} presentations`)
      credentials.push(...(await issuanceLoad(s, { concurrencies: [TOP_UP_CONCURRENCY], flows: [flows], batch: BATCH, maxSeconds: 600 })).credentials)
    }
    progress(backend, o.floor ? 'presenting (each level also to the floor server, after the verifier)' : 'presenting')
    const floor = o.floor ? await startFloor({ workers: o.workers, workerCount: workers, ...(o.cpuProf !== undefined ? { cpuProfDir: resolve(o.cpuProf) } : {}) }) : undefined
    const presented = await presentationLoad(s, credentials, { levels, maxSeconds: o.maxSeconds, warmup: o.presentWarmup, ...(floor === undefined ? {} : { floor }) })
      .finally(() => floor?.stop())
    if (Object.keys(presented.rejected).length > 0) progress(backend, `the services logged: ${JSON.stringify(s.warnings())}`)
    progress(backend, 'done')
    return { result: { backend, issuance: issued.levels, presentations: presented.levels }, rejected: presented.rejected }
  } finally {
    current = undefined
    await s.stop()
  }
}

async function main(): Promise<void> {
  const o = program().parse(process.argv).opts<Options>()
  if (!procAvailable()) throw new Error('npm run load reads server CPU time from /proc: it runs on Linux only')
  const workers = workerCount(o.workers)
  const list = o.backends ?? (process.env.DATABASE_URL ? ['sqlite', 'postgres'] as Backend[] : ['sqlite'] as Backend[])
  if (list.includes('postgres') && !process.env.DATABASE_URL) throw new Error('--backends postgres needs DATABASE_URL (eval "$(scripts/pg-local.sh start)")')
  const cores = availableParallelism()
  console.log(`# npm run load: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, WORKERS=${o.workers} (${workers} per service), backends ${list.join(', ')}`)
  console.log('# services and this load client share the machine; figures are indicative, ratios are measured in the same run')

  const verifiesPerSecond = await webCryptoVerifyLimit(cores, o.limitSeconds)
  const raw = await rawCosts(o.rawSeconds, BATCH)
  const nodeBatchMs = nodeCryptoBatchMs(o.rawSeconds, BATCH)
  printLimits(cores, verifiesPerSecond, raw, BATCH)

  const results: BackendResult[] = []
  const rejected: Record<string, number> = {}
  for (const backend of list) {
    const r = await runBackend(backend, o, workers, verifiesPerSecond / 2)
    results.push(r.result)
    for (const [k, v] of Object.entries(r.rejected)) rejected[`${backend}: ${k}`] = v
  }
  // the limit again after the load: a burst elsewhere on the machine during one measurement lowers it, and a low
  // limit flatters the services; the tables use the higher of the two
  const verifiesAfter = await webCryptoVerifyLimit(cores, o.limitSeconds)
  const limit = Math.max(verifiesPerSecond, verifiesAfter)
  console.log(`\nWebCrypto ES256 verify limit measured again after the load: ${Math.round(verifiesAfter)} verifies/s (before: ${Math.round(verifiesPerSecond)}); ` +
    `"% of limit" below uses the higher, ${Math.round(limit / 2)} presentations/s`)
  printPresentations(results, limit, raw, o.presentWarmup)
  printIssuance(results, raw, BATCH, { nodeBatchMs, warmup: o.issueWarmup })

  const posted = results.reduce((a, r) => a + r.presentations.reduce((b, l) => b + l.posted, 0), 0)
  const verified = results.reduce((a, r) => a + r.presentations.reduce((b, l) => b + l.verified, 0), 0)
  console.log(`\n${verified} of ${posted} presentations verified (read back through GET /presentations/:id); run took ${((performance.now() - runStarted) / 1000).toFixed(0)} s`)
  if (verified !== posted || Object.keys(rejected).length > 0) {
    console.error(`FAILED: not every presentation was verified: ${JSON.stringify(rejected)}`)
    process.exitCode = 1
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130))
  })
}

main().catch(async (err: unknown) => {
  console.error(`load: ${err instanceof Error ? err.message : String(err)}`)
  await current?.stop()
  process.exit(1)
})
