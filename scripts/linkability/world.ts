// The simulated world: the real issuer (also registrar) and one real verifier per service on 127.0.0.1 ephemeral
// ports (the npm start wiring, scripts/lib/stack.ts), P persons enrolled at the issuer, each with wallet-core wallets
// whose clocks are off by a seeded offset. Every HTTP exchange is recorded (scripts/lib/fetch-recorder.ts).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet, WalletConfig } from '../../wallet/core/index.ts'
import { enrollPerson } from '../lib/demo-person.ts'
import type { DemoPerson } from '../lib/demo-person.ts'
import { installFetchRecorder } from '../lib/fetch-recorder.ts'
import type { FetchRecorder } from '../lib/fetch-recorder.ts'
import { startIssuer, startService } from '../lib/stack.ts'
import type { RunningIssuer, RunningVerifier, ServiceSpec } from '../lib/stack.ts'
import type { LinkabilityOptions, SdJwtPolicy } from './options.ts'
import { randomInt } from './rng.ts'
import type { Random } from './rng.ts'

export const ADMIN_TOKEN = 'linkability-admin-token-0123456789'
export const API_KEY = 'linkability-verifier-api-key-0123'
const PASSPHRASE = 'linkability simulation wallet'

/** One clock for the issuer and the verifiers (epoch seconds); `advance` moves simulated time forward. */
export interface SimClock {
  now(): number
  advance(seconds: number): void
}

function simClock(): SimClock {
  let offset = 0
  return { now: () => Math.floor(Date.now() / 1000) + offset, advance: (s) => void (offset += s) }
}

export interface SimPerson {
  index: number
  data: DemoPerson & { address?: { province: string; city: string } }
  personId: string
  /** Seconds the person's wallet clock is ahead of the services' (negative: behind). */
  clockOffset: number
  /** One wallet per SD-JWT policy measured; the first also answers the BBS requests. */
  wallets: Map<SdJwtPolicy, Wallet>
}

export interface World {
  root: string
  clock: SimClock
  recorder: FetchRecorder
  issuer: RunningIssuer
  services: RunningVerifier[]
  specs: ServiceSpec[]
  persons: SimPerson[]
  /** Milliseconds since the world started (the timing handle's clock). */
  elapsedMs(): number
  close(): Promise<void>
}

/** Wallet configuration for `policy`: a batch large enough that once-only never runs dry during the run. */
function policyConfig(policy: SdJwtPolicy, o: LinkabilityOptions): Partial<WalletConfig> {
  return { sdJwtPolicy: policy, batchSize: policy === 'once-only' ? Math.max(10, o.services * o.visits) : Math.max(10, o.services) }
}

function syntheticAdult(random: Random, taken: Set<string>, index: number): SimPerson['data'] {
  for (;;) {
    const birthdate = `${randomInt(random, 1950, 2000)}-${String(randomInt(random, 1, 12)).padStart(2, '0')}-${String(randomInt(random, 1, 28)).padStart(2, '0')}`
    const id = generateResidentId({ birthdate, random })
    if (taken.has(id)) continue
    taken.add(id)
    // about half have an address on file: the `_sd` count handle would tell them apart without fixed shape
    const address = random() < 0.5 ? { province: 'Zhejiang', city: `City ${index % 7}` } : undefined
    return { national_id: id, family_name: `Sim${index}`, given_name: `Person${index}`, ...(address ? { address } : {}) }
  }
}

/** Starts the issuer and `o.services` registered services, enrolls `o.people` persons and lets their wallets accept. */
export async function startWorld(o: LinkabilityOptions, random: Random, log: (line: string) => void): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), 'eid-linkability-'))
  const started = Date.now()
  const clock = simClock()
  const recorder = installFetchRecorder('verifier')
  const quiet = pino({ level: 'silent' })
  const batchSize = Math.max(10, o.services * o.visits, o.services)
  const issuer = await startIssuer({
    host: '127.0.0.1', port: 0, dataDir: join(root, 'issuer'), adminToken: ADMIN_TOKEN, logger: quiet, now: clock.now,
    extra: { rateLimit: { max: 1_000_000, windowSeconds: 60 }, batchSize, statusEpochSeconds: o.epochSeconds },
  })
  const services: RunningVerifier[] = []
  const specs: ServiceSpec[] = []
  try {
    for (let s = 0; s < o.services; s++) {
      const spec: ServiceSpec = { name: `Service ${s + 1}`, purpose: 'Adults only (linkability simulation)', allowedClaims: [['age_over_18']] }
      specs.push(spec)
      services.push(await startService({ host: '127.0.0.1', port: 0, dataDir: join(root, `service-${s + 1}`), apiKey: API_KEY, issuer, spec, logger: quiet, now: clock.now }))
    }
    const taken = new Set<string>()
    const persons: SimPerson[] = []
    for (let i = 0; i < o.people; i++) {
      const data = syntheticAdult(random, taken, i)
      const clockOffset = o.clockSpreadSeconds === 0 ? 0 : randomInt(random, -o.clockSpreadSeconds, o.clockSpreadSeconds)
      const wallets = new Map<SdJwtPolicy, Wallet>()
      let personId = ''
      for (const policy of o.policies) {
        const e = await enrollPerson(issuer.url, ADMIN_TOKEN, data)
        personId = e.person_id
        const wallet = await openWallet({
          dir: join(root, `wallet-${i}-${policy}`), passphrase: PASSPHRASE, trustedRegistrar: issuer.registrarRootUrl, trustedIssuers: [issuer.url],
          allowHttpHosts: ['127.0.0.1'], now: () => clock.now() + clockOffset, kdf: { N: 1024, r: 8, p: 1 }, ...policyConfig(policy, o),
        })
        await recorder.as(`person-${i}`, () => wallet.accept(e.credential_offer_uri, { txCode: e.tx_code }))
        wallets.set(policy, wallet)
      }
      persons.push({ index: i, data, personId, clockOffset, wallets })
    }
    log(`world: issuer, ${services.length} services, ${persons.length} persons x ${o.policies.length} wallet(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return {
      root, clock, recorder, issuer, services, specs, persons,
      elapsedMs: () => Date.now() - started,
      async close() {
        recorder.uninstall()
        for (const s of services) await s.close()
        await issuer.close()
        await rm(root, { recursive: true, force: true })
      },
    }
  } catch (err) {
    recorder.uninstall()
    for (const s of services) await s.close()
    await issuer.close()
    await rm(root, { recursive: true, force: true })
    throw err
  }
}
