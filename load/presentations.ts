// Presentations under load: sessions created through the relying-party API, request objects fetched and presentations
// built as wallets do (one holder key each, not timed), then direct_post at a fixed concurrency; every result is then
// read back through the relying-party API and must be `verified`.
import { decodeJwt } from 'jose'
import { presentSdJwt } from '../shared/sdjwt/index.ts'
import { cpuMs } from './cpu.ts'
import { keepAliveClient, runAtConcurrency, runAtRate } from './http.ts'
import type { Client, Reply, RunResult } from './http.ts'
import type { HeldCredential } from './issuance.ts'
import type { Service, Services } from './services.ts'

const SETUP_CONCURRENCY = 16

/** One level: `count` presentations from `concurrency` wallets posting back to back (closed loop), or, with `rate`, wallets arriving at `rate` per second with at most `concurrency` in flight (open loop). */
export interface LevelPlan {
  concurrency: number
  count: number
  rate?: number
}

export interface PresentationLevel {
  concurrency: number
  /** The open loop's arrival rate (presentations/s); absent for a closed-loop level. */
  offeredRate?: number
  /** Presentations posted. */
  posted: number
  seconds: number
  latenciesMs: number[]
  /** Verifier CPU (all its processes) while posting, milliseconds. */
  serverCpuMs: number
  /** Results read back through the relying-party API as `verified`. */
  verified: number
  /** This load client's own CPU while posting, milliseconds (it shares the machine with the services). */
  clientCpuMs: number
  /** Verifier CPU per `POST /presentations` and per request-object fetch (the untimed preparation), milliseconds. */
  createCpuMs: number
  requestCpuMs: number
  /** The same presentations posted the same way to the floor server (load/floor-server.ts), when one runs. */
  floor?: FloorLevel
}

/** One level against the floor server: the raw work only, on the same bodies, wallets and arrival rate. */
export interface FloorLevel {
  posted: number
  /** Answers 200 (its raw checks passed). */
  ok: number
  seconds: number
  latenciesMs: number[]
  serverCpuMs: number
  clientCpuMs: number
}

interface Prepared {
  id: string
  body: string
}

/**
 * The results of `GET /presentations/:id` that are not `verified`, counted by outcome (HTTP status and the result's
 * `status` and `error`, or the error `code`); empty when every result is verified.
 */
export function unverified(results: { status: number; body: string }[]): Record<string, number> {
  const bad: Record<string, number> = {}
  for (const r of results) {
    let outcome: string
    try {
      const b = JSON.parse(r.body) as { status?: unknown; error?: unknown; code?: unknown }
      const parts = b.status === undefined ? [b.code ?? 'no status'] : [b.status, b.error]
      outcome = r.status === 200 && b.status === 'verified' ? 'verified' : [r.status, ...parts].filter((x) => x !== undefined).join(' ')
    } catch {
      outcome = `${r.status} not JSON`
    }
    if (outcome !== 'verified') tally(bad, outcome)
  }
  return bad
}

function tally(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n
}

/** The `code` of an error answer (shared/errors), for the report; never the body itself. */
function errorCode(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code ?? 'no code')
  } catch {
    return 'not JSON'
  }
}

function rp(s: Services, json = false): Record<string, string> {
  return { authorization: `Bearer ${s.apiKey}`, ...(json ? { 'content-type': 'application/json' } : {}) }
}

/** Creates one session per credential, fetches each request object, and builds each presentation. */
async function prepare(s: Services, credentials: HeldCredential[]): Promise<{ items: Prepared[]; createCpuMs: number; requestCpuMs: number }> {
  const client = keepAliveClient(SETUP_CONCURRENCY)
  try {
    let before = cpuMs(s.verifier.pids)
    const created = await runAtConcurrency(credentials, SETUP_CONCURRENCY, 600, async () => {
      const r = await client.send('POST', `${s.verifier.url}/presentations`, JSON.stringify({ preset: 'age_over_18' }), rp(s, true))
      if (r.status !== 201) throw new Error(`POST /presentations answered ${r.status}: ${r.body.slice(0, 300)}`)
      return JSON.parse(r.body) as { id: string; request_uri: string }
    })
    const createCpuMs = (cpuMs(s.verifier.pids) - before) / credentials.length
    before = cpuMs(s.verifier.pids)
    const requests = await runAtConcurrency(created.results, SETUP_CONCURRENCY, 600, async (c) => {
      const r = await client.send('GET', c.request_uri)
      if (r.status !== 200) throw new Error(`GET request_uri answered ${r.status}: ${r.body.slice(0, 300)}`)
      return { id: c.id, request: decodeJwt(r.body) as { client_id: string; nonce: string; state: string; dcql_query: { credentials: { id: string }[] } } }
    })
    const requestCpuMs = (cpuMs(s.verifier.pids) - before) / credentials.length
    const iat = Math.floor(Date.now() / 1000)
    const items = await Promise.all(requests.results.map(async ({ id, request }, i) => {
      const held = credentials[i] as HeldCredential
      const vp = await presentSdJwt(held.sdJwt, [['age_over_18']], { privateKey: held.holder.privateKey, alg: 'ES256', aud: request.client_id, nonce: request.nonce, iat })
      const queryId = request.dcql_query.credentials[0]?.id ?? 'pid'
      return { id, body: new URLSearchParams({ vp_token: JSON.stringify({ [queryId]: [vp] }), state: request.state }).toString() }
    }))
    return { items, createCpuMs, requestCpuMs }
  } finally {
    client.close()
  }
}

/**
 * Posts each level's presentations, each level prepared just before it (fresh KB-JWT `iat`), then reads every posted
 * session back. Throws when credentials run short; a result that is not `verified` is counted (the caller fails the run).
 */
export async function presentationLoad(s: Services, credentials: HeldCredential[], o: { levels: LevelPlan[]; maxSeconds: number; warmup?: number; floor?: Service }): Promise<{ levels: PresentationLevel[]; rejected: Record<string, number> }> {
  const levels: PresentationLevel[] = []
  const rejected: Record<string, number> = {}
  let offset = o.warmup ?? 0
  if (offset > 0) await warmUp(s, credentials.slice(0, offset), rejected, o.floor)
  for (const { concurrency, count, rate } of o.levels) {
    const held = credentials.slice(offset, offset + count)
    offset += count
    if (held.length < count) throw new Error(`only ${held.length} credentials left for ${count} presentations at concurrency ${concurrency}`)
    const { items, createCpuMs, requestCpuMs } = await prepare(s, held)
    const plan = { concurrency, maxSeconds: o.maxSeconds, ...(rate === undefined ? {} : { rate }) }
    const run = await postLevel(s.verifier, items, plan)
    // The same clock as a V8 CPU profile's timestamps: `profile-summary --between` reads this level apart.
    console.error(`direct_post at ${concurrency} wallets${rate === undefined ? '' : ` arriving at ${Math.round(rate)}/s`}: profile window ${run.windowUs[0]}..${run.windowUs[1]}`)
    const posted = run.results
    for (const p of posted.filter((r) => r.status !== 200)) tally(rejected, `direct_post ${p.status} ${errorCode(p.body)}`)
    const check = await readResults(s, posted.map((p) => p.id))
    const bad = unverified(check)
    for (const [k, v] of Object.entries(bad)) tally(rejected, `result ${k}`, v)
    const verified = check.length - Object.values(bad).reduce((a, b) => a + b, 0)
    const floor = o.floor === undefined ? undefined : await floorLevel(o.floor, items, plan)
    if (floor !== undefined && floor.ok < floor.posted) tally(rejected, 'floor server answered other than 200', floor.posted - floor.ok)
    levels.push({ concurrency, ...(rate === undefined ? {} : { offeredRate: rate }), posted: posted.length, seconds: run.seconds, latenciesMs: run.latenciesMs, serverCpuMs: run.serverCpuMs, clientCpuMs: run.clientCpuMs, verified, createCpuMs, requestCpuMs, ...(floor === undefined ? {} : { floor }) })
  }
  return { levels, rejected }
}

/** How a level posts: `concurrency` wallets back to back, or with `rate`, arriving at `rate` per second (at most `concurrency` in flight). */
interface PostPlan {
  concurrency: number
  maxSeconds: number
  rate?: number
}

/** A level's posts, timed, with the CPU the service (all its processes) and this client spent on them. */
interface TimedPosts extends RunResult<{ id: string } & Reply> {
  serverCpuMs: number
  clientCpuMs: number
  /** Monotonic clock, microseconds (a V8 CPU profile's clock): first post to CPU read after the last answer. */
  windowUs: [bigint, bigint]
}

/** POST of a prepared direct_post body to `service`'s /responses. */
function postForm(client: Client, service: Service, item: Prepared): Promise<Reply> {
  return client.send('POST', `${service.url}/responses`, item.body, { 'content-type': 'application/x-www-form-urlencoded' })
}

/**
 * Posts `items` to `service` as `plan` says, on a client of the level's own, timed: the verifier's levels and the floor's
 * are measured by this one function, so they differ only in the server that answers.
 */
async function postLevel(service: Service, items: Prepared[], plan: PostPlan): Promise<TimedPosts> {
  const client = keepAliveClient(plan.concurrency)
  try {
    const before = cpuMs(service.pids)
    const clientBefore = process.cpuUsage()
    const startedUs = process.hrtime.bigint() / 1000n
    const post = async (item: Prepared): Promise<{ id: string } & Reply> => ({ id: item.id, ...(await postForm(client, service, item)) })
    const run = plan.rate === undefined ? await runAtConcurrency(items, plan.concurrency, plan.maxSeconds, post) : await runAtRate(items, plan.rate, plan.concurrency, plan.maxSeconds, post)
    const serverCpuMs = cpuMs(service.pids) - before
    const endedUs = process.hrtime.bigint() / 1000n
    const clientCpu = process.cpuUsage(clientBefore)
    return { ...run, serverCpuMs, clientCpuMs: (clientCpu.user + clientCpu.system) / 1000, windowUs: [startedUs, endedUs] }
  } finally {
    client.close()
  }
}

/** Posts a level's bodies to the floor server as the level posted them to the verifier (after it, on its own). */
async function floorLevel(floor: Service, items: Prepared[], plan: PostPlan): Promise<FloorLevel> {
  const run = await postLevel(floor, items, plan)
  return { posted: run.results.length, ok: run.results.filter((r) => r.status === 200).length, seconds: run.seconds, latenciesMs: run.latenciesMs, serverCpuMs: run.serverCpuMs, clientCpuMs: run.clientCpuMs }
}

/**
 * Posts `held`'s presentations untimed before the levels: each verifier process compiles its direct_post path first (in
 * one run the first level at 16 wallets cost 7.1 ms of CPU per presentation cold and 2.8 ms when run again warm, against
 * 2.5 ms at 64), a cost a running verifier pays once. A refusal counts as a failure of the run.
 */
async function warmUp(s: Services, held: HeldCredential[], rejected: Record<string, number>, floor?: Service): Promise<void> {
  const { items } = await prepare(s, held)
  const client = keepAliveClient(SETUP_CONCURRENCY)
  try {
    const run = await runAtConcurrency(items, SETUP_CONCURRENCY, 600, (item) => postForm(client, s.verifier, item))
    for (const r of run.results.filter((x) => x.status !== 200)) tally(rejected, `warm-up direct_post ${r.status} ${errorCode(r.body)}`)
    if (floor !== undefined) await runAtConcurrency(items, SETUP_CONCURRENCY, 600, (item) => postForm(client, floor, item))
  } finally {
    client.close()
  }
}

/** `GET /presentations/:id` of each id (after the timed part). */
async function readResults(s: Services, ids: string[]): Promise<{ status: number; body: string }[]> {
  const client: Client = keepAliveClient(SETUP_CONCURRENCY)
  try {
    return (await runAtConcurrency(ids, SETUP_CONCURRENCY, 600, (id) => client.send('GET', `${s.verifier.url}/presentations/${id}`, undefined, rp(s)))).results
  } finally {
    client.close()
  }
}
