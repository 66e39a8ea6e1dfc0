// Runs the visits: V rounds, each a seeded shuffle of every (person, service) pair; each visit asks with the SD-JWT
// preset (once per wallet policy) and the BBS pseudonymous preset. Between rounds persons are revoked, simulated time
// moves on, and the adversary polls every status list (as often as it likes: it is public).
import { decodeJwt } from 'jose'
import { decodeStatusList } from '../../shared/status-list/index.ts'
import { PSEUDONYMOUS_PRESET } from '../../shared/pid-bbs/index.ts'
import { createPresentation, presentationResult } from '../lib/rp-client.ts'
import type { Wallet } from '../../wallet/core/index.ts'
import type { CredentialFormat, IssuedCredential, Observation } from './observe.ts'
import { issuedIn, presentationOf } from './observe.ts'
import { baselineEpoch } from './options.ts'
import type { LinkabilityOptions, SdJwtPolicy } from './options.ts'
import { shuffled } from './rng.ts'
import type { Random } from './rng.ts'
import { ADMIN_TOKEN, API_KEY } from './world.ts'
import type { SimPerson, World } from './world.ts'

/** The statuses of every list at one poll: `uri#idx` of each entry that is not 0 (valid). */
export interface StatusSnapshot {
  at: number
  flipped: Set<string>
}

export interface Revocation {
  person: number
  at: number
}

export interface RunRecord {
  observations: Observation[]
  issued: IssuedCredential[]
  snapshots: StatusSnapshot[]
  revocations: Revocation[]
  /** Visits refused or rejected (a revoked person's wallet or verifier), by outcome. */
  failures: Record<string, number>
}

/** One visit: the service asks, the wallet answers, the service reads its result. */
export async function visit(world: World, p: SimPerson, wallet: Wallet, service: number, preset: string): Promise<{ token?: string; stored: Observation['stored']; arrival: number; arrivalMs: number }> {
  const svc = world.services[service]
  if (svc === undefined) throw new Error(`no service ${service}`)
  const asked = await world.recorder.as(`service-${service}`, () => createPresentation(svc.url, API_KEY, { preset }))
  const before = world.recorder.exchanges.length
  const answered = await world.recorder.as(`person-${p.index}`, () => wallet.present(asked.authorization_request, { consent: () => true })).catch((err: unknown) => ({ outcome: `refused: ${(err as { code?: string }).code ?? 'error'}` }))
  const arrival = world.clock.now()
  const arrivalMs = world.elapsedMs()
  const post = world.recorder.exchanges.slice(before).find((e) => e.actor === `person-${p.index}` && e.url === `${svc.url}/responses`)
  const token = post ? presentationOf(post) : undefined
  const stored = await world.recorder.as(`service-${service}`, () => presentationResult(svc.url, API_KEY, asked.id))
  if (token === undefined && answered.outcome === 'sent') throw new Error('the wallet sent an answer that was not recorded')
  return { ...(token !== undefined ? { token } : {}), stored, arrival, arrivalMs }
}

async function snapshot(world: World, uris: string[]): Promise<StatusSnapshot> {
  const flipped = new Set<string>()
  for (const uri of uris) {
    const res = await world.recorder.as('adversary', () => fetch(uri))
    const payload = decodeJwt(await res.text()) as { status_list?: { bits: unknown; lst: unknown } }
    if (payload.status_list === undefined) throw new Error(`no status_list in the token at ${uri}`)
    const list = decodeStatusList(payload.status_list)
    for (let i = 0; i < list.bytes.length; i++) {
      if (list.bytes[i] === 0) continue
      const perByte = 8 / list.bits
      for (let k = 0; k < perByte; k++) if (list.get(i * perByte + k) !== 0) flipped.add(`${uri}#${i * perByte + k}`)
    }
  }
  return { at: world.clock.now(), flipped }
}

/** The status list URIs of every SD-JWT the issuer handed out. */
function statusUris(issued: IssuedCredential[]): string[] {
  const uris = new Set<string>()
  for (const c of issued) {
    if (c.format !== 'sd-jwt') continue
    const status = (decodeJwt(c.credential.split('~')[0] ?? '') as { status?: { status_list?: { uri?: string } } }).status
    if (status?.status_list?.uri) uris.add(status.status_list.uri)
  }
  return [...uris]
}

/** Runs every round; `log` gets one line per round. */
export async function runVisits(world: World, o: LinkabilityOptions, random: Random, log: (line: string) => void): Promise<RunRecord> {
  const issued = world.recorder.exchanges.flatMap((e) => (e.actor.startsWith('person-') ? issuedIn(e, Number(e.actor.slice(7))) : []))
  world.recorder.exchanges.length = 0
  const uris = statusUris(issued)
  const observations: Observation[] = []
  const failures: Record<string, number> = {}
  const revocations: Revocation[] = []
  const snapshots: StatusSnapshot[] = [await snapshot(world, uris)]
  const revokeOrder = shuffled(random, world.persons.map((p) => p.index)).slice(0, o.revocations)
  const revoked = new Set<number>()
  const gaps = Math.max(1, o.visits - 1)
  const record = (format: CredentialFormat, policy: SdJwtPolicy | undefined, p: SimPerson, service: number, v: number, r: Awaited<ReturnType<typeof visit>>): void => {
    if (r.stored.status !== 'verified') failures[`${format} ${r.stored.status} ${r.stored.error ?? ''}`.trim()] = (failures[`${format} ${r.stored.status} ${r.stored.error ?? ''}`.trim()] ?? 0) + 1
    if (r.token === undefined) return
    observations.push({ format, ...(policy ? { policy } : {}), person: p.index, service, visit: v, arrival: r.arrival, arrivalMs: r.arrivalMs, token: r.token, stored: r.stored })
  }
  for (let v = 0; v < o.visits; v++) {
    const started = Date.now()
    // the wallets' background renewal of short-lived BBS credentials (hours before expiry, not at a visit)
    for (const p of world.persons) {
      const first = p.wallets.values().next().value
      if (first !== undefined && !revoked.has(p.index)) await world.recorder.as(`person-${p.index}`, () => first.refreshBbs(2 * 3600))
    }
    const pairs = shuffled(random, world.persons.flatMap((p) => world.services.map((_, s) => [p, s] as const)))
    for (const [p, s] of pairs) {
      if (revoked.has(p.index)) continue
      for (const [policy, wallet] of p.wallets) record('sd-jwt', policy, p, s, v, await visit(world, p, wallet, s, 'age_over_18'))
      const first = p.wallets.values().next().value as Wallet
      record('bbs', undefined, p, s, v, await visit(world, p, first, s, PSEUDONYMOUS_PRESET))
    }
    world.recorder.exchanges.length = 0
    // revocations between rounds (all after the first round when there is only one)
    const share = v < gaps ? Math.ceil((o.revocations - revocations.length) / (gaps - v)) : 0
    // start each round's revocations just after an epoch boundary, so how many fall in one epoch is set by the options
    if (share > 0) world.clock.advance(baselineEpoch(o) - (world.clock.now() % baselineEpoch(o)) + 1)
    for (const person of revokeOrder.splice(0, share)) {
      const p = world.persons[person]
      if (p === undefined) continue
      const res = await fetch(`${world.issuer.url}/admin/persons/${p.personId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      if (res.status !== 200) throw new Error(`revoking person ${person} answered ${res.status}`)
      revoked.add(person)
      revocations.push({ person, at: world.clock.now() })
      world.clock.advance(o.revocationGapSeconds)
      snapshots.push(await snapshot(world, uris))
    }
    world.recorder.exchanges.length = 0
    log(`round ${v + 1}/${o.visits}: ${pairs.length} person-service pairs in ${((Date.now() - started) / 1000).toFixed(1)} s, ${revocations.length} revoked so far`)
  }
  if (revocations.length > 0) {
    // a last poll after the next epoch boundary: an issuer publishing at epochs has published every change by then
    world.clock.advance(baselineEpoch(o) - (world.clock.now() % baselineEpoch(o)) + 1)
    snapshots.push(await snapshot(world, uris))
  }
  return { observations, issued, snapshots, revocations, failures }
}
