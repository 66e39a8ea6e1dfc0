// Pseudonym stability: after the visits, a service re-registers with its key, another rotates its key (re-registers
// with a new one), and every person's wallet accepts a second offer; each person then visits the service concerned
// again. Stable: the pseudonym equals the one that service saw before. Across services: no two services ever saw
// the same pseudonym of a person.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pino } from 'pino'
import { PSEUDONYMOUS_PRESET } from '../../shared/pid-bbs/index.ts'
import { enrollPerson } from '../lib/demo-person.ts'
import { startService } from '../lib/stack.ts'
import type { Observation } from './observe.ts'
import { visit } from './visits.ts'
import { ADMIN_TOKEN, API_KEY } from './world.ts'
import type { World } from './world.ts'

export interface StabilityRow {
  event: string
  /** Whether the service's client_id (certificate hash) changed: the old pseudonym scope would have changed too. */
  clientIdChanged: boolean
  persons: number
  stable: number
}

export interface StabilityResult {
  rows: StabilityRow[]
  /** Pairs (person, two services) and how many of them saw the same pseudonym. */
  acrossServices: { pairs: number; equal: number }
  /** Returning visits to one service in the main run with the same pseudonym as the first. */
  returning: { visits: number; same: number }
}

const pseudonymOf = (o: { stored: Observation['stored'] }): string | undefined => {
  const p = o.stored.claims?.pseudonym
  return typeof p === 'string' ? p : undefined
}

/** Re-registers service `s` at the registrar with its current request-signing key (a renewal), keeping its service_id. */
async function renewWithSameKey(world: World, s: number): Promise<void> {
  const file = join(world.services[s]?.dataDir ?? '', 'verifier', 'relying-party.json')
  const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & { signing_key: Record<string, unknown>; registration_certificate: string }
  const { d: _private, ...publicJwk } = doc.signing_key
  const spec = world.specs[s]
  const service = world.services[s]
  if (spec === undefined || service === undefined) throw new Error(`no service ${s}`)
  const res = await fetch(`${world.issuer.url}/admin/relying-parties`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      name: spec.name, purpose: spec.purpose, allowed_claims: spec.allowedClaims, origins: [new URL(service.url).origin],
      request_signing_jwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y },
      previous_registration_certificate: doc.registration_certificate,
    }),
  })
  if (res.status !== 201 && res.status !== 200) throw new Error(`renewal answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
  const r = (await res.json()) as { client_id: string; access_certificate: string; access_certificate_chain?: string[]; registration_certificate: string; registrar_root?: string }
  await writeFile(file, JSON.stringify({ ...doc, client_id: r.client_id, access_certificate_chain: r.access_certificate_chain ?? [r.access_certificate], registration_certificate: r.registration_certificate, registrar_root: r.registrar_root ?? doc.registrar_root }, null, 2), { mode: 0o600 })
}

/** Restarts service `s` on its port with its data folder; `purpose` other than registered makes it re-register (new key). */
async function restart(world: World, s: number, purpose?: string): Promise<boolean> {
  const old = world.services[s]
  const spec = world.specs[s]
  if (old === undefined || spec === undefined) throw new Error(`no service ${s}`)
  await old.close()
  const next = { ...spec, ...(purpose !== undefined ? { purpose } : {}) }
  const started = await startService({ host: '127.0.0.1', port: old.port, dataDir: old.dataDir, apiKey: API_KEY, issuer: world.issuer, spec: next, logger: pino({ level: 'silent' }), now: world.clock.now })
  world.services[s] = started
  world.specs[s] = next
  if (started.verifier.pseudonymScope !== old.verifier.pseudonymScope) throw new Error(`service ${s + 1}: the registrar assigned a new service_id`)
  return started.clientId !== old.clientId
}

export async function measureStability(world: World, observations: readonly Observation[], revoked: ReadonlySet<number>, log: (line: string) => void): Promise<StabilityResult> {
  const bbs = observations.filter((o) => o.format === 'bbs' && o.stored.status === 'verified')
  const before = new Map<string, string>()
  let visits = 0
  let same = 0
  for (const o of bbs) {
    const key = `${o.person}/${o.service}`
    const p = pseudonymOf(o)
    if (p === undefined) continue
    const first = before.get(key)
    if (first === undefined) before.set(key, p)
    else {
      visits++
      if (first === p) same++
    }
  }
  const acrossServices = { pairs: 0, equal: 0 }
  for (const person of world.persons) {
    const seen = world.services.map((_, s) => before.get(`${person.index}/${s}`)).filter((p): p is string => p !== undefined)
    for (let a = 0; a < seen.length; a++) for (let b = a + 1; b < seen.length; b++) {
      acrossServices.pairs++
      if (seen[a] === seen[b]) acrossServices.equal++
    }
  }
  const active = world.persons.filter((p) => !revoked.has(p.index))
  const n = world.services.length
  const revisit = async (event: string, s: number, clientIdChanged: boolean): Promise<StabilityRow> => {
    let stable = 0
    for (const p of active) {
      const wallet = p.wallets.values().next().value
      if (wallet === undefined) continue
      const r = await visit(world, p, wallet, s, PSEUDONYMOUS_PRESET)
      const now = pseudonymOf(r)
      if (now !== undefined && now === before.get(`${p.index}/${s}`)) stable++
    }
    world.recorder.exchanges.length = 0
    log(`stability: ${event}: ${stable}/${active.length} stable`)
    return { event, clientIdChanged, persons: active.length, stable }
  }
  const rows: StabilityRow[] = []
  await renewWithSameKey(world, 0)
  rows.push(await revisit(`re-registration (same key), service 1`, 0, await restart(world, 0)))
  const s2 = 1 % n
  rows.push(await revisit(`key rotation (new key), service ${s2 + 1}`, s2, await restart(world, s2, `${world.specs[s2]?.purpose ?? ''} (renewed)`)))
  for (const p of active) {
    const wallet = p.wallets.values().next().value
    if (wallet === undefined) continue
    const e = await enrollPerson(world.issuer.url, ADMIN_TOKEN, p.data)
    await world.recorder.as(`person-${p.index}`, () => wallet.accept(e.credential_offer_uri, { txCode: e.tx_code }))
  }
  const s3 = 2 % n
  rows.push(await revisit(`second offer accepted, service ${s3 + 1}`, s3, false))
  return { rows, acrossServices, returning: { visits, same } }
}
