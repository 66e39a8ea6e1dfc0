// The adversary at work: per credential format and wallet policy, every handle is tried over what the verifiers
// received, alone or mapped through the issuer's records (it knows which credential it gave to whom), and the
// status lists' changes over time are joined; each is scored against the ground truth (score.ts).
import type { Handle, Parsed } from './handles.ts'
import { handlesOf, parseToken } from './handles.ts'
import type { CredentialFormat, IssuedCredential, Observation } from './observe.ts'
import type { AdversaryView, SdJwtPolicy } from './options.ts'
import type { HandleScore, Item } from './score.ts'
import { joinedPairs, linkedBeyondChance, scoreJoins } from './score.ts'
import type { Revocation, StatusSnapshot } from './visits.ts'

/** The row of every handle that alone links beyond chance, together. */
export const ANY_HANDLE = 'any handle linking beyond chance'

export interface HandleResult {
  name: string
  what: string
  score: HandleScore
  /** How many of the handle's values (of 16 characters or more, up to 50 tried) occur in the verifiers' files. */
  stored?: { found: number; tried: number }
}

export interface StatusChangeResult {
  /** Presentations whose status entry flipped during the run. */
  flipped: number
  joined: number
  falseJoins: number
  /** True joins / all joins of the status-change handle. */
  precision: number
  /** Same-person pairs / all pairs among the flipped presentations of one epoch (pooled over epochs). */
  chanceWithinEpoch: number
  /** Revoked persons per epoch, on average. */
  revokedPerEpoch: number
  score: HandleScore
}

export interface DatasetResult {
  label: string
  format: CredentialFormat
  policy?: SdJwtPolicy
  presentations: number
  views: { view: AdversaryView; handles: HandleResult[] }[]
  statusChange?: StatusChangeResult
}

/** value → person, for the values of `handle` that occur in exactly one person's issued credentials. */
function issuerIndex(handle: Handle, issued: readonly Parsed[], persons: readonly number[]): Map<string, number> {
  const owners = new Map<string, Set<number>>()
  issued.forEach((p, i) => {
    for (const v of handle.values(p)) {
      const set = owners.get(v) ?? new Set<number>()
      set.add(persons[i] as number)
      owners.set(v, set)
    }
  })
  const index = new Map<string, number>()
  for (const [v, set] of owners) if (set.size === 1) index.set(v, set.values().next().value as number)
  return index
}

function storedCount(values: Iterable<string>, files: Buffer): { found: number; tried: number } | undefined {
  const tried = [...new Set(values)].filter((v) => v.length >= 16).slice(0, 50)
  if (tried.length === 0) return undefined
  return { found: tried.filter((v) => files.includes(Buffer.from(v, 'utf8'))).length, tried: tried.length }
}

function statusChange(parsed: readonly Parsed[], obs: readonly Observation[], snapshots: readonly StatusSnapshot[], revocations: readonly Revocation[], epochSeconds: number): StatusChangeResult | undefined {
  if (revocations.length === 0) return undefined
  const statusKey = handlesOf('sd-jwt').find((h) => h.name === 'status index') as Handle
  const items: Item[] = parsed.map((p, i) => {
    const key = statusKey.values(p)[0]
    const k = key === undefined ? -1 : snapshots.findIndex((s) => s.flipped.has(key))
    const o = obs[i] as Observation
    return { person: o.person, service: o.service, values: k > 0 ? [`flip@${k}`] : [] }
  })
  const joined = joinedPairs(items)
  const score = scoreJoins(items, joined)
  const flippedIdx = items.map((it, i) => (it.values.length > 0 ? i : -1)).filter((i) => i >= 0)
  const epochOf = new Map(revocations.map((r) => [r.person, Math.floor(r.at / epochSeconds)]))
  let pairs = 0
  let truePairs = 0
  for (let a = 0; a < flippedIdx.length; a++) for (let b = a + 1; b < flippedIdx.length; b++) {
    const x = items[flippedIdx[a] as number] as Item
    const y = items[flippedIdx[b] as number] as Item
    if (epochOf.get(x.person) !== epochOf.get(y.person)) continue
    pairs++
    if (x.person === y.person) truePairs++
  }
  const j = score.across.joined + score.within.joined
  const f = score.across.falseJoins + score.within.falseJoins
  return {
    flipped: flippedIdx.length, joined: j, falseJoins: f, precision: j + f === 0 ? 0 : j / (j + f),
    chanceWithinEpoch: pairs === 0 ? 0 : truePairs / pairs,
    revokedPerEpoch: revocations.length / new Set(epochOf.values()).size,
    score,
  }
}

/** Scores every handle of one data set (one format, one policy) under each adversary view. */
export function analyseDataset(input: {
  label: string
  format: CredentialFormat
  policy?: SdJwtPolicy
  observations: readonly Observation[]
  issued: readonly IssuedCredential[]
  views: readonly AdversaryView[]
  verifierFiles: Buffer
  snapshots: readonly StatusSnapshot[]
  revocations: readonly Revocation[]
  epochSeconds: number
}): DatasetResult {
  const obs = input.observations
  const parsed = obs.map((o) => parseToken(input.format, o.token, o))
  const issuedOfFormat = input.issued.filter((c) => c.format === input.format)
  const issuedParsed = issuedOfFormat.map((c) => parseToken(c.format, c.credential))
  const issuedPersons = issuedOfFormat.map((c) => c.person)
  const views = input.views.map((view) => {
    const joinedBy: Set<number>[] = []
    const handles = handlesOf(input.format).map((h): HandleResult => {
      const index = view === 'verifiers+issuer' ? issuerIndex(h, issuedParsed, issuedPersons) : undefined
      const raw = parsed.map((p) => h.values(p))
      const items: Item[] = raw.map((values, i) => {
        const o = obs[i] as Observation
        return { person: o.person, service: o.service, values: index ? values.map((v) => (index.has(v) ? `person:${String(index.get(v))}` : v)) : values }
      })
      const stored = storedCount(raw.flat(), input.verifierFiles)
      const joined = joinedPairs(items)
      joinedBy.push(joined)
      return { name: h.name, what: h.what, score: scoreJoins(items, joined), ...(stored ? { stored } : {}) }
    })
    // the adversary's best combination: a pair joined by any handle that alone links beyond chance (in either scope);
    // handles that join at chance only add false joins, and those every credential shares join everyone
    const union = new Set<number>()
    handles.forEach((h, i) => {
      const informative = linkedBeyondChance(h.score.across) > 0 || linkedBeyondChance(h.score.within) > 0
      if (informative && h.score.anonymityMin < h.score.persons) for (const k of joinedBy[i] ?? []) union.add(k)
    })
    const truth: Item[] = obs.map((o) => ({ person: o.person, service: o.service, values: [] }))
    handles.push({ name: ANY_HANDLE, what: 'a pair joined by any handle that alone links beyond chance', score: scoreJoins(truth, union) })
    return { view, handles }
  })
  const status = input.format === 'sd-jwt' ? statusChange(parsed, obs, input.snapshots, input.revocations, input.epochSeconds) : undefined
  return { label: input.label, format: input.format, ...(input.policy ? { policy: input.policy } : {}), presentations: obs.length, views, ...(status ? { statusChange: status } : {}) }
}
