// The load run's tables: each figure beside the raw limit measured in the same run, backends side by side.
import type { RawCosts } from './crypto-limits.ts'
import { percentile } from './http.ts'
import type { IssuanceLevel } from './issuance.ts'
import type { PresentationLevel } from './presentations.ts'
import type { Backend } from './services.ts'

export interface BackendResult {
  backend: Backend
  issuance: IssuanceLevel[]
  presentations: PresentationLevel[]
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  console.log(line(header))
  for (const r of rows) console.log(line(r))
}

const f = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')

/** Rows of every backend for the same concurrency next to each other, in the order of the concurrencies. */
function sideBySide<L extends { concurrency: number }>(results: BackendResult[], pick: (r: BackendResult) => L[]): { backend: Backend; level: L }[] {
  const out: { backend: Backend; level: L }[] = []
  const levels = Math.max(...results.map((r) => pick(r).length))
  for (let i = 0; i < levels; i++) for (const r of results) {
    const level = pick(r)[i]
    if (level !== undefined) out.push({ backend: r.backend, level })
  }
  return out
}

export function printLimits(cores: number, verifiesPerSecond: number, raw: RawCosts, batch: number): void {
  console.log('\n## Limits measured in this run')
  console.log(`WebCrypto ES256 verify, ${cores} worker threads (one per core): ${f(verifiesPerSecond, 0)} verifies/s = ${f(verifiesPerSecond / 2, 0)} presentations/s at 2 verifies each`)
  console.log(`raw CPU per operation (WebCrypto, one at a time): verify ${f(raw.verifyMs, 3)} ms, sign ${f(raw.signMs, 3)} ms, P-256 JWK import ${f(raw.importMs, 3)} ms`)
  console.log(`raw presentation = 2 verifies + 1 holder key import: ${f(raw.presentationMs, 3)} ms; raw batch of ${batch} = ${batch} x (proof key import + proof verify + sign): ${f(raw.batchMs, 3)} ms`)
}

export function printPresentations(results: BackendResult[], verifiesPerSecond: number, raw: RawCosts, warmup = 0): void {
  const limit = verifiesPerSecond / 2
  console.log('\n## Verifier: direct_post of presentations (one holder key each, status checks on, keep-alive)')
  console.log(warmup > 0 ? `${warmup} presentations were posted untimed first (JIT warm-up), then the levels:` : 'no warm-up presentations: the first level includes the JIT warm-up')
  table(
    ['backend', 'wallets', 'posted', 'verified', 'pres/s', '% of limit', 'p50 ms', 'p90 ms', 'p99 ms', 'CPU ms/pres', 'x raw'],
    sideBySide(results, (r) => r.presentations.filter((l) => l.offeredRate === undefined)).map(({ backend, level: l }) => {
      const rate = l.posted / l.seconds
      const cpu = l.serverCpuMs / l.posted
      return [backend, String(l.concurrency), String(l.posted), `${l.verified}/${l.posted}`, f(rate, 0), `${f((100 * rate) / limit, 1)} %`,
        f(percentile(l.latenciesMs, 50), 1), f(percentile(l.latenciesMs, 90), 1), f(percentile(l.latenciesMs, 99), 1), f(cpu, 2), `${f(cpu / raw.presentationMs, 1)}x`]
    }),
  )
  const paced = sideBySide(results, (r) => r.presentations.filter((l) => l.offeredRate !== undefined))
  if (paced.length > 0) {
    console.log('\nopen loop: wallets arrive at a fixed rate (a fraction of the limit), at most `wallets` in flight; latency from each scheduled start, so queueing counts')
    table(
      ['backend', 'offered/s', '% of limit', 'wallets', 'posted', 'verified', 'pres/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'CPU ms/pres', 'x raw'],
      paced.map(({ backend, level: l }) => {
        const cpu = l.serverCpuMs / l.posted
        return [backend, f(l.offeredRate ?? Number.NaN, 0), `${f((100 * (l.offeredRate ?? Number.NaN)) / limit, 1)} %`, String(l.concurrency), String(l.posted), `${l.verified}/${l.posted}`,
          f(l.posted / l.seconds, 0), f(percentile(l.latenciesMs, 50), 1), f(percentile(l.latenciesMs, 90), 1), f(percentile(l.latenciesMs, 99), 1),
          f(percentile(l.latenciesMs, 100), 1), f(cpu, 2), `${f(cpu / raw.presentationMs, 1)}x`]
      }),
    )
  }
  const floors = sideBySide(results, (r) => r.presentations).filter(({ level: l }) => l.floor !== undefined)
  if (floors.length > 0) {
    console.log('\nfloor: the same bodies posted the same way (wallets, arrival rate) to a bare node:http server with the same WORKERS doing only the raw work ' +
      '(issuer signature, holder key import, KB-JWT signature; no other check, no store): what this machine and client allow before the verifier\'s own work')
    table(
      ['backend', 'wallets', 'offered/s', 'posted', 'answered 200', 'pres/s', '% of limit', 'p50 ms', 'p99 ms', 'CPU ms/pres', 'client ms/pres', 'verifier CPU / floor'],
      floors.map(({ backend, level: l }) => {
        const fl = l.floor as NonNullable<PresentationLevel['floor']>
        const rate = fl.posted / fl.seconds
        const cpu = fl.serverCpuMs / fl.posted
        return [backend, String(l.concurrency), l.offeredRate === undefined ? 'closed' : f(l.offeredRate, 0), String(fl.posted), `${fl.ok}/${fl.posted}`, f(rate, 0),
          `${f((100 * rate) / limit, 1)} %`, f(percentile(fl.latenciesMs, 50), 1), f(percentile(fl.latenciesMs, 99), 1), f(cpu, 2), f(fl.clientCpuMs / fl.posted, 2),
          // a few floor posts may round to 0 ms of CPU (/proc counts 10 ms ticks): no ratio then
          cpu > 0 ? `${f(l.serverCpuMs / l.posted / cpu, 2)}x` : 'n/a']
      }),
    )
  }
  console.log(`\nthis load client's own CPU per presentation posted (it shares the cores with the services): ${
    sideBySide(results, (r) => r.presentations).map(({ backend, level: l }) => `${backend} ${l.concurrency} wallets ${f(l.clientCpuMs / l.posted, 2)} ms`).join(', ')}`)
  console.log('\nuntimed preparation, verifier CPU per call (mean over the levels):')
  table(['backend', 'POST /presentations', 'GET request object'], results.map((r) => {
    const mean = (pick: (l: PresentationLevel) => number): number => r.presentations.reduce((a, l) => a + pick(l) * l.posted, 0) / r.presentations.reduce((a, l) => a + l.posted, 0)
    return [r.backend, `${f(mean((l) => l.createCpuMs), 2)} ms`, `${f(mean((l) => l.requestCpuMs), 2)} ms`]
  }))
}

/**
 * The issuance table. `x raw` is the issuer's CPU per flow over the raw WebCrypto batch (the limits above); `x node raw`
 * over the same batch with node:crypto, the primitives the issuer uses (`nodeBatchMs`). `warmup`: flows run untimed first.
 */
export function printIssuance(results: BackendResult[], raw: RawCosts, batch: number, o: { nodeBatchMs: number; warmup: number }): void {
  console.log(`\n## Issuer: token + nonce + credential batch of ${batch} (OpenID4VCI pre-authorized code, one holder key per credential)`)
  console.log(`raw batch of ${batch} with node:crypto (what the issuer uses: KeyObject from the JWK, sync verify and sign): ${f(o.nodeBatchMs, 3)} ms CPU; ` +
    `WebCrypto: ${f(raw.batchMs, 3)} ms. ${o.warmup > 0 ? `${o.warmup} flows ran untimed first (JIT warm-up), then the levels:` : 'no warm-up flows:'}`)
  table(
    ['backend', 'wallets', 'flows', 'flows/s', 'credentials/s', 'p50 ms', 'p90 ms', 'p99 ms', 'CPU ms/flow', 'x raw', 'x node raw'],
    sideBySide(results, (r) => r.issuance).map(({ backend, level: l }) => {
      const cpu = l.serverCpuMs / l.flows
      return [backend, String(l.concurrency), String(l.flows), f(l.flows / l.seconds, 1), f((l.flows * batch) / l.seconds, 0),
        f(percentile(l.latenciesMs, 50), 1), f(percentile(l.latenciesMs, 90), 1), f(percentile(l.latenciesMs, 99), 1), f(cpu, 2), `${f(cpu / raw.batchMs, 1)}x`, `${f(cpu / o.nodeBatchMs, 1)}x`]
    }),
  )
}
