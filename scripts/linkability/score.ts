// Scoring joins against the ground truth. A join is a pair of presentations the adversary hypothesises to be one
// person's because they share a handle value; it is true when they are. Pairs are counted in two scopes: across
// services (two services compare notes) and across visits of one service (a service recognises a returning person).

export interface ScopeScore {
  /** Same-person pairs in the scope (what a perfect adversary would join). */
  truePairs: number
  /** Pairs in the scope. */
  pairs: number
  /** Joins that are true. */
  joined: number
  /** Joins that are false. */
  falseJoins: number
  /**
   * True joins beyond what joining at random gives: joined − chance × (joined + falseJoins), chance = truePairs / pairs.
   * 0 for a handle every credential shares (it joins everyone) and for one that says nothing.
   */
  beyondChance: number
  /**
   * How many standard deviations the true joins lie above chance (joins drawn at random: binomial with p = chance);
   * approximate (pairs sharing a presentation are not independent). Beyond chance counts only from z >= 3.
   */
  z: number
}

/** z at which an excess of true joins counts as a join beyond chance rather than noise. */
export const SIGNIFICANT_Z = 3

/** True joins beyond chance when they are significant (z >= 3), else 0. */
export const linkedBeyondChance = (s: ScopeScore): number => (s.z >= SIGNIFICANT_Z ? s.beyondChance : 0)

export interface HandleScore {
  across: ScopeScore
  within: ScopeScore
  /** Per presentation, the number of distinct persons among the presentations it is joined with (itself included): median. */
  anonymityMedian: number
  anonymityMin: number
  /** Persons observed: an anonymity set this large is everyone. */
  persons: number
}

export interface Item {
  person: number
  service: number
  /** The handle's values (already mapped through the issuer's records when the issuer colludes). */
  values: readonly string[]
}

const emptyScope = (): ScopeScore => ({ truePairs: 0, pairs: 0, joined: 0, falseJoins: 0, beyondChance: 0, z: 0 })

/** Pairs (i < j) sharing at least one value, as i * n + j. */
export function joinedPairs(items: readonly Item[]): Set<number> {
  const n = items.length
  const byValue = new Map<string, number[]>()
  items.forEach((it, i) => {
    for (const v of new Set(it.values)) {
      const list = byValue.get(v)
      if (list) list.push(i)
      else byValue.set(v, [i])
    }
  })
  const joined = new Set<number>()
  for (const list of byValue.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) joined.add((list[a] as number) * n + (list[b] as number))
  }
  return joined
}

/** Scores one handle over `items` (one presentation each). */
export function scoreJoins(items: readonly Item[], joined: Set<number> = joinedPairs(items)): HandleScore {
  const n = items.length
  const across = emptyScope()
  const within = emptyScope()
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = items[i] as Item
      const b = items[j] as Item
      const scope = a.service === b.service ? within : across
      const same = a.person === b.person
      scope.pairs++
      if (same) scope.truePairs++
      if (joined.has(i * n + j)) {
        if (same) scope.joined++
        else scope.falseJoins++
      }
    }
  }
  for (const s of [across, within]) {
    const chance = s.pairs === 0 ? 0 : s.truePairs / s.pairs
    const all = s.joined + s.falseJoins
    s.beyondChance = Math.max(0, Math.round(s.joined - chance * all))
    const sd = Math.sqrt(all * chance * (1 - chance))
    s.z = sd === 0 ? (s.joined > chance * all ? Infinity : 0) : (s.joined - chance * all) / sd
  }
  const friends: Set<number>[] = items.map((it) => new Set([it.person]))
  for (const key of joined) {
    const i = Math.floor(key / n)
    const j = key % n
    friends[i]?.add((items[j] as Item).person)
    friends[j]?.add((items[i] as Item).person)
  }
  const sizes = friends.map((f) => f.size).sort((x, y) => x - y)
  return {
    across, within,
    anonymityMedian: sizes[Math.floor(sizes.length / 2)] ?? 0,
    anonymityMin: sizes[0] ?? 0,
    persons: new Set(items.map((it) => it.person)).size,
  }
}
