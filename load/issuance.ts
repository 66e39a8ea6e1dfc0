// Issuance under load: OpenID4VCI pre-authorized code flows (token + nonce + credential batch) against the issuer
// process at a few concurrencies. Each flow binds its batch to fresh holder keys; the credentials feed the verifier load.
import { SignJWT } from 'jose'
import { generateResidentId } from '../shared/cnid/index.ts'
import { generateSigningKey } from '../shared/keys/index.ts'
import type { SigningKey } from '../shared/keys/index.ts'
import { cpuMs } from './cpu.ts'
import { keepAliveClient, runAtConcurrency } from './http.ts'
import type { Client } from './http.ts'
import type { Services } from './services.ts'

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
const SETUP_CONCURRENCY = 8
/** Connections of the warm-up flows: several per server worker (node:cluster hands each connection to one worker). */
const WARMUP_CONCURRENCY = 8

/** A credential with the holder key it is bound to (one key per credential). */
export interface HeldCredential {
  sdJwt: string
  holder: SigningKey
}

export interface IssuanceLevel {
  concurrency: number
  flows: number
  seconds: number
  latenciesMs: number[]
  /** Issuer CPU (all its processes) during the level, milliseconds. */
  serverCpuMs: number
}

interface Offer {
  code: string
  txCode: string
  holders: SigningKey[]
}

function json(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new Error(`${what}: the answer is not JSON`)
  }
}

/** Enrolls a synthetic person through the admin API and prepares `batch` holder keys (wallet work, not timed). */
async function prepareOffer(client: Client, s: Services, batch: number): Promise<Offer> {
  const person = { national_id: generateResidentId(), family_name: 'Load', given_name: 'Test' }
  const r = await client.send('POST', `${s.issuer.url}/admin/enrollments`, JSON.stringify(person), { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` })
  if (r.status !== 201) throw new Error(`enrollment answered ${r.status}: ${r.body.slice(0, 300)}`)
  const e = json(r.body, 'enrollment') as { tx_code: string; credential_offer: { grants: Record<string, { 'pre-authorized_code': string }> } }
  const code = e.credential_offer.grants[PRE_AUTHORIZED]?.['pre-authorized_code']
  if (code === undefined) throw new Error('enrollment: no pre-authorized code in the offer')
  return { code, txCode: e.tx_code, holders: await Promise.all(Array.from({ length: batch }, () => generateSigningKey('ES256'))) }
}

/** One flow as a wallet runs it: token, nonce, one proof JWT per holder key, the credential batch. */
async function issueBatch(client: Client, s: Services, offer: Offer): Promise<HeldCredential[]> {
  const form = new URLSearchParams({ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': offer.code, tx_code: offer.txCode }).toString()
  const t = await client.send('POST', `${s.issuer.url}/token`, form, { 'content-type': 'application/x-www-form-urlencoded' })
  if (t.status !== 200) throw new Error(`token endpoint answered ${t.status}: ${t.body.slice(0, 300)}`)
  const accessToken = json(t.body, 'token').access_token as string
  const n = await client.send('POST', `${s.issuer.url}/nonce`, '')
  if (n.status !== 200) throw new Error(`nonce endpoint answered ${n.status}: ${n.body.slice(0, 300)}`)
  const nonce = json(n.body, 'nonce').c_nonce as string
  const iat = Math.floor(Date.now() / 1000)
  const proofs = await Promise.all(offer.holders.map((h) =>
    new SignJWT({ aud: s.issuer.url, iat, nonce }).setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: h.publicJwk }).sign(h.privateKey)))
  const c = await client.send('POST', `${s.issuer.url}/credential`, JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: proofs } }), {
    'content-type': 'application/json', authorization: `Bearer ${accessToken}`,
  })
  if (c.status !== 200) throw new Error(`credential endpoint answered ${c.status}: ${c.body.slice(0, 300)}`)
  const credentials = (json(c.body, 'credential').credentials ?? []) as { credential: string }[]
  if (credentials.length !== offer.holders.length) throw new Error(`credential endpoint returned ${credentials.length} credentials for ${offer.holders.length} proofs`)
  return credentials.map((cr, i) => ({ sdJwt: cr.credential, holder: offer.holders[i] as SigningKey }))
}

/**
 * Runs `warmup` flows untimed (default none), then `flows[i]` issuance flows at `concurrencies[i]` (enrollments and holder
 * keys prepared before each level), and returns the figures of each level and every credential issued. Any failed flow throws.
 */
export async function issuanceLoad(s: Services, o: { concurrencies: number[]; flows: number[]; batch: number; maxSeconds: number; warmup?: number }): Promise<{ levels: IssuanceLevel[]; credentials: HeldCredential[] }> {
  const levels: IssuanceLevel[] = []
  const credentials: HeldCredential[] = []
  if ((o.warmup ?? 0) > 0) {
    // untimed: the servers' first flows compile their code path (JIT), a cost a long-running issuer pays once
    const warm = await issuanceLoad(s, { concurrencies: [WARMUP_CONCURRENCY], flows: [o.warmup as number], batch: o.batch, maxSeconds: 600 })
    credentials.push(...warm.credentials)
  }
  for (const [i, concurrency] of o.concurrencies.entries()) {
    const count = o.flows[i] ?? o.flows.at(-1) ?? 0
    const setup = keepAliveClient(SETUP_CONCURRENCY)
    const offers = (await runAtConcurrency(Array.from({ length: count }), SETUP_CONCURRENCY, 600, () => prepareOffer(setup, s, o.batch))).results
    setup.close()
    const client = keepAliveClient(concurrency)
    const before = cpuMs(s.issuer.pids)
    const run = await runAtConcurrency(offers, concurrency, o.maxSeconds, (offer) => issueBatch(client, s, offer))
    const serverCpuMs = cpuMs(s.issuer.pids) - before
    client.close()
    credentials.push(...run.results.flat())
    levels.push({ concurrency, flows: run.results.length, seconds: run.seconds, latenciesMs: run.latenciesMs, serverCpuMs })
  }
  return { levels, credentials }
}
