// `npm run linkability` on a tiny population (the real issuer, two services, wallet core over 127.0.0.1): the detector
// finds what is linkable (an SD-JWT credential reused at one service joins its visits; with the issuer colluding, its
// signature names the person everywhere) and finds no cross-service join by any handle of SD-JWT or BBS presentations.
import { beforeAll, describe, expect, it } from 'vitest'
import { ANY_HANDLE } from '../../scripts/linkability/analyse.ts'
import type { DatasetResult, HandleResult } from '../../scripts/linkability/analyse.ts'
import { DEFAULTS, parseOptions } from '../../scripts/linkability/options.ts'
import { runLinkability } from '../../scripts/linkability/run.ts'
import type { LinkabilityReport } from '../../scripts/linkability/run.ts'
import { renderChart } from '../../scripts/linkability/chart.ts'
import { renderDocument } from '../../scripts/linkability/document.ts'
import { linkedBeyondChance } from '../../scripts/linkability/score.ts'

let report: LinkabilityReport

beforeAll(async () => {
  report = await runLinkability({ ...DEFAULTS, people: 3, services: 2, visits: 2, revocations: 1, policies: ['once-only', 'per-service'], out: undefined })
}, 120_000)

function dataset(format: 'sd-jwt' | 'bbs', policy = 'per-service'): DatasetResult {
  const d = report.datasets.find((x) => x.format === format && (format === 'bbs' || x.policy === policy))
  if (d === undefined) throw new Error(`no ${format} data set`)
  return d
}

function handle(d: DatasetResult, view: string, name: string): HandleResult {
  const h = d.views.find((v) => v.view === view)?.handles.find((x) => x.name === name)
  if (h === undefined) throw new Error(`no handle ${name} for ${view}`)
  return h
}

/** Handles carried by the credential or proof (not the run's clock and schedule, which are chance by construction). */
const CRYPTOGRAPHIC = { 'sd-jwt': ['issuer signature', 'holder key (cnf)', 'digests', 'salts', 'status index'], bbs: ['proof bytes', 'pseudonym'] } as const

describe('linkability core', () => {
  it('observes every visit: SD-JWT and BBS presentations of each (person, service, visit) but the revoked person\'s later ones', () => {
    for (const d of report.datasets) {
      expect(report.datasets).toHaveLength(3)
      expect(d.presentations).toBeGreaterThanOrEqual(3 * 2 * 2 - 2)
      expect(d.presentations).toBeLessThanOrEqual(3 * 2 * 2)
    }
  })

  it('finds the deliberately linkable handle: per-service SD-JWT reuse joins every returning visit by its issuer signature', () => {
    const sig = handle(dataset('sd-jwt'), 'verifiers', 'issuer signature')
    expect(sig.score.within.truePairs).toBeGreaterThan(0)
    expect(sig.score.within.joined).toBe(sig.score.within.truePairs)
    expect(sig.score.within.falseJoins).toBe(0)
    expect(linkedBeyondChance(sig.score.within)).toBeGreaterThan(0)
    expect(sig.score.anonymityMedian).toBe(1)
  })

  it('once-only (the default policy): no SD-JWT handle joins returning visits to one service, nor across services', () => {
    for (const name of CRYPTOGRAPHIC['sd-jwt']) {
      const h = handle(dataset('sd-jwt', 'once-only'), 'verifiers', name)
      expect(h.score.within.truePairs).toBeGreaterThan(0)
      expect({ name, within: h.score.within.joined, across: h.score.across.joined, falseJoins: h.score.within.falseJoins + h.score.across.falseJoins }).toEqual({ name, within: 0, across: 0, falseJoins: 0 })
    }
  })

  it('finds the issuer\'s joins: with its issuance records every SD-JWT handle names the person across services', () => {
    for (const name of CRYPTOGRAPHIC['sd-jwt']) {
      const h = handle(dataset('sd-jwt'), 'verifiers+issuer', name)
      expect(h.score.across.joined).toBe(h.score.across.truePairs)
      expect(h.score.across.falseJoins).toBe(0)
    }
  })

  it('joins nothing across services by SD-JWT or BBS handles the verifiers alone hold, and BBS nothing with the issuer either', () => {
    const views = [['sd-jwt', 'verifiers', 'per-service'], ['sd-jwt', 'verifiers', 'once-only'], ['bbs', 'verifiers', ''], ['bbs', 'verifiers+issuer', '']] as const
    for (const [format, view, policy] of views) {
      for (const name of CRYPTOGRAPHIC[format]) {
        const h = handle(dataset(format, policy), view, name)
        expect(h.score.across.truePairs).toBeGreaterThan(0)
        expect({ format, view, name, joined: h.score.across.joined, falseJoins: h.score.across.falseJoins }).toEqual({ format, view, name, joined: 0, falseJoins: 0 })
      }
    }
  })

  it('the BBS pseudonym joins returning visits of one service only, and is the one value the verifier stores', () => {
    const nym = handle(dataset('bbs'), 'verifiers', 'pseudonym')
    expect(nym.score.within.joined).toBe(nym.score.within.truePairs)
    expect(nym.stored?.found).toBe(nym.stored?.tried)
    for (const name of ['proof bytes', 'issuer header']) expect(handle(dataset('bbs'), 'verifiers', name).stored?.found ?? 0).toBe(0)
    for (const name of CRYPTOGRAPHIC['sd-jwt']) expect(handle(dataset('sd-jwt'), 'verifiers', name).stored?.found).toBe(0)
  })

  it('shared handles are recognised as shared (anonymity set everyone, 0 beyond chance); `_sd` counts identical', () => {
    for (const name of ['issuer header', '`_sd` count']) {
      const h = handle(dataset('sd-jwt'), 'verifiers', name)
      expect(h.score.anonymityMin).toBe(h.score.persons)
      expect(linkedBeyondChance(h.score.across)).toBe(0)
    }
  })

  it('pseudonyms are 100 % stable across re-registration, key rotation and a second offer, and 0 % equal across services', () => {
    const st = report.stability
    if (st === undefined) throw new Error('no stability phase')
    expect(st.rows).toHaveLength(3)
    for (const row of st.rows) expect(row).toMatchObject({ stable: row.persons })
    expect(st.rows.every((r) => r.persons > 0)).toBe(true)
    expect(st.rows.slice(0, 2).every((r) => r.clientIdChanged)).toBe(true)
    expect(st.acrossServices.pairs).toBeGreaterThan(0)
    expect(st.acrossServices.equal).toBe(0)
  })

  it('sees the revocation in the status list and scores joins by it', () => {
    const s = dataset('sd-jwt').statusChange
    expect(s?.flipped).toBeGreaterThan(0)
    expect(s?.joined).toBeGreaterThan(0)
  })

  it('renders the document and the chart from the report', () => {
    const doc = renderDocument(report, 'npm run linkability -- --quick', 'chart.svg')
    expect(doc).toContain('npm run linkability -- --quick')
    expect(doc).toContain(ANY_HANDLE)
    expect(renderChart(report)).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/)
  })
})

describe('linkability options', () => {
  it('rejects unknown options and out-of-range values with invalid_request', () => {
    expect(() => parseOptions(['--people', '1'])).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    expect(() => parseOptions(['--adversary', 'issuer'])).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    expect(() => parseOptions(['--frobnicate'])).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    expect(() => parseOptions(['--people', '3', '--revocations', '4'])).toThrow(expect.objectContaining({ code: 'invalid_request' }))
  })

  it('--quick writes nothing unless --out; the defaults write docs/PRIVACY.md', () => {
    expect(parseOptions(['--quick']).out).toBeUndefined()
    expect(parseOptions([]).out).toBe('docs/PRIVACY.md')
    expect(parseOptions(['--quick', '--out', 'x.md']).out).toBe('x.md')
  })
})
