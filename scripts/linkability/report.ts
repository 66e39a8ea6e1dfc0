// The report: one table per credential format, wallet policy and adversary view (text for the terminal, markdown for
// docs/PRIVACY.md), and the summary lines the issue asks to show.
import { ANY_HANDLE } from './analyse.ts'
import type { DatasetResult, HandleResult } from './analyse.ts'
import type { LinkabilityReport } from './run.ts'
import { linkedBeyondChance } from './score.ts'
import type { ScopeScore } from './score.ts'

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(a === b || a === 0 ? 0 : 1)} %`)
const joined = (s: ScopeScore): string => `${s.joined}/${s.truePairs} (${pct(s.joined, s.truePairs)})`
/** True joins beyond chance: the count when significant, else 0 with the z of the noise. */
const beyond = (s: ScopeScore): string => (linkedBeyondChance(s) > 0 ? `${s.beyondChance} (${pct(s.beyondChance, s.truePairs)})` : s.beyondChance > 0 ? `0 (z ${s.z.toFixed(1)})` : '0')

/** A handle every presentation shares with everyone (anonymity set = all persons): joins by it say nothing. */
export const sharedByAll = (h: HandleResult): boolean => h.score.anonymityMin === h.score.persons

export const HEADERS = ['handle', 'across services: joined', 'false joins', 'beyond chance', 'same service: joined', 'false joins', 'beyond chance', 'anonymity set', 'in verifier DB']

export function handleRow(h: HandleResult): string[] {
  const s = h.score
  const anon = sharedByAll(h) ? `${s.persons} (everyone)` : `${s.anonymityMedian} (min ${s.anonymityMin})`
  return [h.name, joined(s.across), String(s.across.falseJoins), beyond(s.across), joined(s.within), String(s.within.falseJoins), beyond(s.within), anon, h.stored ? `${h.stored.found}/${h.stored.tried}` : '—']
}

function textTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n')
}

const mdTable = (rows: string[][]): string => rows.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => ' --- ').join('|')}|` : ''}`).join('\n')

/** The row of every handle that alone links beyond chance, together. */
export function anyHandle(d: DatasetResult, view: string): HandleResult | undefined {
  return d.views.find((x) => x.view === view)?.handles.find((h) => h.name === ANY_HANDLE)
}

const handleList = (hs: HandleResult[]): string => hs.map((h) => h.name.replace(/`/g, '')).join(', ')

/** The summary lines: what the issue's "Must show" asks, as measured. */
export function summaryLines(r: LinkabilityReport): string[] {
  const lines: string[] = []
  for (const d of r.datasets) {
    lines.push(`${d.label} (${d.presentations} presentations):`)
    for (const v of d.views) {
      const any = anyHandle(d, v.view)
      const single = v.handles.filter((h) => h.name !== ANY_HANDLE && !sharedByAll(h))
      if (any === undefined) continue
      const acrossBy = single.filter((h) => linkedBeyondChance(h.score.across) > 0)
      const withinBy = single.filter((h) => linkedBeyondChance(h.score.within) > 0)
      const scope = (x: ScopeScore, by: HandleResult[]): string => `${x.joined} of ${x.truePairs} same-person pairs joined, ${x.falseJoins} false${by.length ? ` (by ${handleList(by)})` : ''}`
      lines.push(`  adversary ${v.view}: across services ${scope(any.score.across, acrossBy)}; returning visits to one service ${scope(any.score.within, withinBy)}`)
    }
    const first = d.views[0]?.handles ?? []
    const shared = first.filter((h) => h.name !== ANY_HANDLE && sharedByAll(h))
    if (shared.length) lines.push(`  shared by every credential (join everyone, say nothing): ${handleList(shared)}`)
    const shape = first.find((h) => h.name === '`_sd` count')
    if (shape) lines.push(`  \`_sd\` counts: ${sharedByAll(shape) ? 'identical across people' : `tell people apart (anonymity set median ${shape.score.anonymityMedian} of ${shape.score.persons})`}`)
    const clock = first.find((h) => h.name === 'clock offset')
    if (clock) lines.push(`  clock offset, wallet clocks spread ±${r.options.clockSpreadSeconds} s: ${linkedBeyondChance(clock.score.across)} cross-service joins beyond chance (z ${clock.score.across.z.toFixed(1)})`)
    if (d.statusChange) {
      const s = d.statusChange
      lines.push(`  status changes, ${r.revocations} revocations (${s.revokedPerEpoch.toFixed(1)} per ${r.options.epochSeconds || 900} s epoch${r.options.epochSeconds ? '' : ', the issuer publishing at once'}): ${s.joined} true and ${s.falseJoins} false joins among ${s.flipped} presentations whose entry flipped; precision ${pct(s.joined, s.joined + s.falseJoins)} vs ${(100 * s.chanceWithinEpoch).toFixed(1)} % chance within an epoch`)
    }
  }
  const st = r.stability
  if (st) {
    lines.push(`Pseudonyms (BBS): returning visits ${pct(st.returning.same, st.returning.visits)} the same (${st.returning.same}/${st.returning.visits}); across services ${pct(st.acrossServices.equal, st.acrossServices.pairs)} equal (${st.acrossServices.equal}/${st.acrossServices.pairs} pairs of one person's pseudonyms)`)
    for (const row of st.rows) lines.push(`  ${row.event}${row.clientIdChanged ? ' (client_id changed)' : ''}: ${pct(row.stable, row.persons)} stable (${row.stable}/${row.persons})`)
  }
  return lines
}

export function renderText(r: LinkabilityReport): string {
  const parts: string[] = []
  for (const d of r.datasets) {
    for (const v of d.views) {
      parts.push(`\n${d.label} — ${d.presentations} presentations — adversary: ${v.view}`)
      parts.push(textTable([HEADERS, ...v.handles.map(handleRow)]))
    }
  }
  parts.push('\nSummary')
  parts.push(...summaryLines(r).map((l) => `  ${l}`))
  const failures = Object.entries(r.failures)
  if (failures.length) parts.push(`  visits not verified: ${failures.map(([k, n]) => `${k}: ${n}`).join(', ')}`)
  parts.push(`\n${r.seconds.toFixed(0)} s`)
  return parts.join('\n')
}

export function renderTables(r: LinkabilityReport): string {
  const parts: string[] = []
  for (const d of r.datasets) {
    for (const v of d.views) {
      parts.push(`### ${d.label}: adversary ${v.view}\n\n${d.presentations} presentations.\n`)
      parts.push(mdTable([HEADERS, ...v.handles.map(handleRow)]))
      parts.push('')
    }
  }
  return parts.join('\n')
}
