// The SVG chart of docs/PRIVACY.md, written without a dependency: per data set and adversary view, the share of
// same-person pairs each handle joins, across services and across visits of one service, counted only for a handle
// that links beyond chance (one that joins at chance or joins everyone shows 0).
import type { LinkabilityReport } from './run.ts'
import { linkedBeyondChance } from './score.ts'
import type { ScopeScore } from './score.ts'
import { ANY_HANDLE } from './analyse.ts'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '')

/** Joined / same-person pairs, for a handle that links beyond chance in that scope; else 0. */
const share = (s: ScopeScore): number => (s.truePairs > 0 && linkedBeyondChance(s) > 0 ? s.joined / s.truePairs : 0)

export function renderChart(r: LinkabilityReport): string {
  const panels = r.datasets.flatMap((d) => d.views.map((v) => ({ title: `${d.label} — adversary: ${v.view}`, handles: v.handles })))
  const rowH = 16
  const labelW = 170
  const barW = 240
  const panelW = labelW + barW + 80
  const cols = 2
  const rows = Math.ceil(panels.length / cols)
  const panelH = Math.max(...panels.map((p) => p.handles.length)) * rowH + 50
  const width = cols * panelW + 20
  const height = rows * panelH + 60
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="13" font-weight="bold">Same-person pairs joined by each handle that links beyond chance (${r.options.people} people x ${r.options.services} services x ${r.options.visits} visits, seed ${r.options.seed})</text>`,
    `<rect x="10" y="28" width="10" height="8" fill="#c0392b"/><text x="24" y="36">across services</text>`,
    `<rect x="130" y="28" width="10" height="8" fill="#2980b9"/><text x="144" y="36">same service, another visit</text>`,
  ]
  panels.forEach((p, k) => {
    const x0 = 10 + (k % cols) * panelW
    const y0 = 50 + Math.floor(k / cols) * panelH
    out.push(`<text x="${x0}" y="${y0 + 12}" font-weight="bold">${esc(p.title)}</text>`)
    out.push(`<line x1="${x0 + labelW}" y1="${y0 + 18}" x2="${x0 + labelW}" y2="${y0 + 20 + p.handles.length * rowH}" stroke="#888"/>`)
    out.push(`<text x="${x0 + labelW + barW - 20}" y="${y0 + 28 + p.handles.length * rowH}" fill="#666">100 %</text>`)
    p.handles.forEach((h, i) => {
      const y = y0 + 20 + i * rowH
      const a = share(h.score.across)
      const w = share(h.score.within)
      out.push(`<text x="${x0 + labelW - 4}" y="${y + 11}" text-anchor="end"${h.name === ANY_HANDLE ? ' font-weight="bold"' : ''}>${esc(h.name === ANY_HANDLE ? 'combined' : h.name)}</text>`)
      out.push(`<rect x="${x0 + labelW}" y="${y + 2}" width="${(a * barW).toFixed(1)}" height="6" fill="#c0392b"/>`)
      out.push(`<rect x="${x0 + labelW}" y="${y + 8}" width="${(w * barW).toFixed(1)}" height="6" fill="#2980b9"/>`)
      const label = `${Math.round(100 * a)} / ${Math.round(100 * w)} %`
      out.push(`<text x="${x0 + labelW + Math.max(a, w) * barW + 4}" y="${y + 11}" fill="#444">${label}</text>`)
    })
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
