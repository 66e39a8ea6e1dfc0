// `npm run demo`: the whole flow, unattended, on ephemeral loopback ports with a temporary data folder, printed as a
// transcript of every HTTP message decoded. Exits 0 when every step had the expected outcome, 1 otherwise.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { pino } from 'pino'
import { isEidError } from '../shared/errors/index.ts'
import { PID_VCT } from '../shared/pid/index.ts'
import { PSEUDONYMOUS_PRESET, pseudonymousAgePresetQuery } from '../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../shared/pid-bbs/index.ts'
import { decodeSdJwt } from '../shared/sdjwt/index.ts'
import { presentBbsCredential } from '../wallet/core/bbs/index.ts'
import { cliLocale, consentLines } from '../wallet/cli-text.ts'
import { openWallet } from '../wallet/core/index.ts'
import type { ConsentRequest, Wallet } from '../wallet/core/index.ts'
import { enrollPerson, syntheticPerson } from './lib/demo-person.ts'
import { installFetchRecorder } from './lib/fetch-recorder.ts'
import { startRogueService, selfCertifiedService } from './lib/rogue-service.ts'
import { createPresentation, presentationResult } from './lib/rp-client.ts'
import { startIssuer, startService } from './lib/stack.ts'
import type { RunningIssuer, RunningVerifier, ServiceSpec } from './lib/stack.ts'
import { renderExchange } from './lib/transcript.ts'
import { translate } from '../wallet/i18n/messages.ts'

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}
const rule = '═'.repeat(100)

const recorder = installFetchRecorder('server')
let printed = 0
/** Prints the exchanges recorded since the last call. */
function flush(): void {
  for (; printed < recorder.exchanges.length; printed++) {
    const e = recorder.exchanges[printed]
    if (e) out(`${renderExchange(e, printed + 1)}\n`)
  }
}

let stepNo = 0
async function step<T>(title: string, fn: () => Promise<T>): Promise<T> {
  flush()
  out(`\n${'─'.repeat(8)} Step ${++stepNo}. ${title} ${'─'.repeat(Math.max(4, 90 - title.length))}\n`)
  const r = await fn()
  flush()
  return r
}

const checks: string[] = []
function check(ok: boolean, what: string): void {
  flush()
  if (!ok) throw new Error(`check failed: ${what}`)
  checks.push(what)
  out(`  ✓ ${what}`)
}
/** The error `work` fails with (undefined when it succeeds), printed as the wallet reports it. */
async function walletError(work: Promise<unknown>): Promise<unknown> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  flush()
  if (isEidError(err)) out(`  The wallet says: error [${err.code}]: ${err.message}`)
  return err
}
const note = (s: string): void => {
  flush()
  out(`  · ${s}`)
}

const API_KEY = 'demo-verifier-api-key-not-secret'
const ADMIN_TOKEN = 'demo-admin-token-not-secret-0123'
const WINE: ServiceSpec = { name: 'Wine Shop', purpose: 'Sells wine only to adults (18+)', allowedClaims: [['age_over_18']] }
const BANK: ServiceSpec = {
  name: 'Harbour Bank',
  purpose: 'Customer identification required by anti-money-laundering law',
  allowedClaims: [['given_name'], ['family_name'], ['birthdate'], ['national_id']],
}
const NATIONAL_ID_QUERY = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }

/** The demo issuer's status epoch (production default 900 s): short, so the demo clock only has to move a minute. */
const DEMO_STATUS_EPOCH = 60

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'eid-demo-'))
  let offset = 0
  const now = (): number => Math.floor(Date.now() / 1000) + offset
  const logger = pino({ level: 'warn' }, pino.destination(2))
  const closers: (() => Promise<void>)[] = []
  try {
    out(rule)
    out(' e-ID demo: issuance, selective disclosure, registrar-bounded requests, BBS pseudonyms, revocation (SD-JWT and BBS)')
    out(' Every HTTP message below is printed with its JWTs, SD-JWT disclosures and certificates decoded.')
    out(' This transcript shows claim values (names, the ID number) ON PURPOSE: it is the synthetic demo person\'s own')
    out(' view of their data. The services never log them, and store only what they asked for (see test/e2e/flow-*).')
    out(' The ID number is synthetic (region code PP99xx, which no real person has). Secrets in headers are shortened.')
    out(rule)

    const issuer: RunningIssuer = await step('The ID authority (issuer and registrar) starts', async () => {
      const i = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: join(dir, 'issuer-data'), adminToken: ADMIN_TOKEN, logger, now, extra: { statusEpochSeconds: DEMO_STATUS_EPOCH } })
      closers.push(i.close)
      note(`issuer at ${i.url} (keys, database and status lists under a temporary folder)`)
      return i
    })

    const service = async (spec: ServiceSpec, folder: string): Promise<RunningVerifier> => {
      const v = await recorder.as('registrar admin', () =>
        startService({ host: '127.0.0.1', port: 0, dataDir: join(dir, folder), apiKey: API_KEY, issuer, spec, logger, now, wrap: (h) => recorder.label(`${spec.name} verifier`, h) }),
      )
      closers.push(v.close)
      note(`${spec.name}'s verifier at ${v.url}, client_id ${v.clientId}`)
      return v
    }
    const wine = await step(`The registrar registers "${WINE.name}" for age_over_18; its verifier starts`, () => service(WINE, 'wine-shop'))

    const person = syntheticPerson()
    const enrollment = await step('The registration desk enrolls a person (synthetic ID number)', () =>
      recorder.as('registration desk', () => enrollPerson(issuer.url, ADMIN_TOKEN, person)),
    )
    note(`the tx_code ${enrollment.tx_code} reaches the person out of band (e.g. on paper)`)

    const wallet: Wallet = await openWallet({ dir: join(dir, 'wallet'), passphrase: 'demo wallet passphrase', trustedRegistrar: issuer.registrarRootUrl, trustedIssuers: [issuer.url], allowHttpHosts: ['127.0.0.1'], now })
    await step('The wallet accepts the offer: OpenID4VCI pre-authorized code flow, a batch with one holder key per credential', async () => {
      const r = await recorder.as('wallet', () => wallet.accept(enrollment.credential_offer_uri, { txCode: enrollment.tx_code }))
      flush()
      check(r.batches[0]?.count === 10, 'the wallet holds a batch of 10 credentials')
    })

    const consentPrinter = (req: ConsentRequest): boolean => {
      flush()
      // the wallet CLI's own consent text, in the language of LC_ALL / LANG as `npm run wallet -- present` asks it
      const locale = cliLocale(undefined)
      out('  What the person is shown before anything leaves the wallet:')
      out(consentLines(req, wallet.issuerDisplays(), locale).map((l) => `    │ ${l}`).join('\n'))
      out(`    │ ${translate(locale, 'cli.shareQuestion')}y\n`)
      return true
    }

    const ask = (v: RunningVerifier, body: unknown) => recorder.as(`${v.name} backend`, () => createPresentation(v.url, API_KEY, body))
    const result = (v: RunningVerifier, id: string) => recorder.as(`${v.name} backend`, () => presentationResult(v.url, API_KEY, id))
    const present = (uri: string) => recorder.as('wallet', () => wallet.present(uri, { consent: consentPrinter }))

    const winePresentation = await step(`${WINE.name}'s backend asks its verifier for age_over_18`, () => ask(wine, { preset: 'age_over_18' }))
    await step('The wallet checks the request (signature, access certificate, registration), asks the person, presents', () => present(winePresentation.authorization_request))
    await step(`${WINE.name}'s backend reads the result`, async () => {
      const r = await result(wine, winePresentation.id)
      flush()
      check(r.status === 'verified' && JSON.stringify(r.claims) === JSON.stringify({ age_over_18: true }), `${WINE.name} learned exactly { age_over_18: true }`)
    })

    const bank = await step(`The registrar registers "${BANK.name}" for kyc (names, birthdate, national_id); its verifier starts`, () => service(BANK, 'harbour-bank'))
    const bankPresentation = await step(`${BANK.name}'s backend asks for kyc`, () => ask(bank, { preset: 'kyc' }))
    await step('The wallet checks the request, asks the person, presents with another credential of the batch', () => present(bankPresentation.authorization_request))
    await step(`${BANK.name}'s backend reads the result`, async () => {
      const r = await result(bank, bankPresentation.id)
      flush()
      const expected = { given_name: person.given_name, family_name: person.family_name, national_id: person.national_id }
      check(r.status === 'verified' && Object.entries(expected).every(([k, v]) => r.claims?.[k] === v) && Object.keys(r.claims ?? {}).length === 4, `${BANK.name} learned exactly the four kyc claims`)
      const sigs = [wine, bank].map((v) => {
        const e = recorder.exchanges.find((x) => x.actor === 'wallet' && x.method === 'POST' && x.url === `${v.url}/responses`)
        const token = Object.values(JSON.parse(new URLSearchParams(e?.requestBody).get('vp_token') ?? '{}') as Record<string, string[]>)[0]?.[0] ?? ''
        const d = decodeSdJwt(token)
        return { sig: d.jwt.split('.')[2], key: JSON.stringify((d.payload.cnf as { jwk: unknown }).jwk) }
      })
      check(sigs[0]?.sig !== sigs[1]?.sig && sigs[0]?.key !== sigs[1]?.key, 'the two services received different credentials (issuer signatures and holder keys differ)')
    })

    await step(`${WINE.name} (registered for age_over_18 only) tries to ask for national_id: its own verifier refuses`, async () => {
      const refused = await ask(wine, { dcql_query: NATIONAL_ID_QUERY }).then(
        () => undefined,
        (err: unknown) => err as { status?: number; body?: { code?: string } },
      )
      flush()
      check(refused?.status === 403 && refused.body?.code === 'claim_not_registered', 'the verifier refuses to send a request outside the registration (403 claim_not_registered)')
    })

    const rogue = await startRogueService()
    closers.push(rogue.close)
    const refusal = async (uri: string, code: string, what: string): Promise<void> => {
      const err = await walletError(recorder.as('wallet', () => wallet.present(uri, { consent: () => true })))
      check(isEidError(err) && err.code === code && rogue.posted.length === 0, `${what}: the wallet refuses (${code}) and sends nothing`)
    }
    await step(`A rogue deployment signs the national_id request with ${WINE.name}'s registered key anyway`, async () => {
      const uri = await rogue.request({ ...wine.rp.credentials, clientId: wine.clientId }, NATIONAL_ID_QUERY, now())
      await refusal(uri, 'claim_not_registered', 'a registered service asking beyond its registration')
    })
    await step('A service nobody registered (its own CA, a registration it wrote itself) asks for national_id', async () => {
      const uri = await rogue.request(await selfCertifiedService('Data Broker', [['national_id']], now()), NATIONAL_ID_QUERY, now())
      await refusal(uri, 'x5c_untrusted', 'an unregistered service')
    })

    // BBS: the same shop asks for age_over_18 and a pseudonym of its own; the wallet answers with its BBS credential
    const bbsVisit = async (title: string): Promise<{ id: string; pseudonym: unknown; proof: string }> => {
      const p = await step(`${WINE.name}'s backend asks for age_over_18 and a pseudonym (preset ${PSEUDONYMOUS_PRESET}: a BBS credential)`, () => ask(wine, { preset: PSEUDONYMOUS_PRESET }))
      await step(title, () => present(p.authorization_request))
      const r = await result(wine, p.id)
      flush()
      check(r.status === 'verified' && r.claims?.age_over_18 === true && typeof r.claims.pseudonym === 'string' && Object.keys(r.claims).length === 2, `${WINE.name} learned exactly { age_over_18: true, pseudonym }`)
      const e = recorder.exchanges.findLast((x) => x.actor === 'wallet' && x.method === 'POST' && x.url === `${wine.url}/responses`)
      const proof = Object.values(JSON.parse(new URLSearchParams(e?.requestBody).get('vp_token') ?? '{}') as Record<string, string[]>)[0]?.[0] ?? ''
      return { id: p.id, pseudonym: r.claims?.pseudonym, proof }
    }
    const first = await bbsVisit('The wallet presents its BBS credential: a fresh zero-knowledge proof disclosing age_over_18 and exp, with the pseudonym for this service')
    const second = await bbsVisit('The person returns: the wallet derives a new proof from the same BBS credential')
    check(first.pseudonym === second.pseudonym && first.proof !== second.proof && first.proof.length > 0, `${WINE.name} recognises the returning person by the same pseudonym; the two proofs differ (each is freshly randomised)`)
    const heldBbs = (await wallet.bbsCredentials())[0]
    if (!heldBbs) throw new Error('the wallet holds no BBS credential')
    note(`the BBS credential expires at ${new Date(heldBbs.expiresAt * 1000).toISOString()} (exp, disclosed in every proof; at most 24 h after issuance). It has no status-list entry`)

    await step('The ID authority revokes the person\'s credentials (e.g. the phone was stolen)', async () => {
      const res = await recorder.as('issuer admin', () =>
        fetch(`${issuer.url}/admin/persons/${enrollment.person_id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      )
      await res.arrayBuffer()
      flush()
      check(res.status === 200, 'the issuer recorded the revocation at once (durable); its status list changes at the next status epoch')
      offset += DEMO_STATUS_EPOCH + 1
      note(`the revocation takes effect at the next status epoch, at most ${DEMO_STATUS_EPOCH} s (with every other change of that epoch, so the flip of one`)
      note(`person's entries does not stand out); the demo clock moves on ${DEMO_STATUS_EPOCH + 1} s, past the boundary where the verifier's cached list also expires`)
    })
    const again = await step(`${WINE.name} asks again for age_over_18`, () => ask(wine, { preset: 'age_over_18' }))
    await step('The wallet presents; the verifier fetches the status list and rejects', async () => {
      await walletError(present(again.authorization_request))
      const r = await result(wine, again.id)
      flush()
      check(r.status === 'rejected' && r.error === 'credential_revoked' && r.claims === undefined, `${WINE.name} gets { status: rejected, error: credential_revoked } and no claims`)
      const list = await recorder.as('wallet', () => wallet.list())
      flush()
      check(list.every((c) => c.status === 'revoked'), 'the wallet\'s list shows every credential of the batch as revoked')
    })

    // What revocation does to the BBS credential: nothing until its exp; no renewal; after exp it is refused
    const afterRevocation = await bbsVisit('Right after the revocation, the wallet presents its BBS credential (still before its exp)')
    check(afterRevocation.pseudonym === first.pseudonym, 'the revoked person\'s BBS presentation STILL VERIFIES: revocation does not reach a BBS credential before its exp')
    await step('The wallet\'s own renewal (its randomised background schedule, or `wallet refresh-bbs`) asks the issuer for a new BBS credential', async () => {
      const err = await walletError(recorder.as('wallet', () => wallet.refreshBbs(2 * 86_400)))
      check(isEidError(err) && err.code === 'issuance_failed' && err.message.includes('credential_request_denied'), 'the issuer refuses to renew it (credential_request_denied): the revoked person gets no new BBS credential')
    })
    await step('The demo clock moves past the BBS credential\'s exp and the verifiers\' 60 s clock-skew allowance', async () => {
      offset += heldBbs.expiresAt - now() + 61
      note(`now ${new Date(now() * 1000).toISOString()}, 61 s after its exp (a verifier accepts an exp up to 60 s past, for clock skew)`)
    })
    const expired = await step(`${WINE.name} asks again for age_over_18 and its pseudonym`, () => ask(wine, { preset: PSEUDONYMOUS_PRESET }))
    await step('The wallet refuses to present an expired BBS credential (and never renews while presenting)', async () => {
      const err = await walletError(present(expired.authorization_request))
      const r = await result(wine, expired.id)
      flush()
      check(isEidError(err) && err.code === 'bbs_credential_expired' && r.status === 'pending', 'the wallet refuses (bbs_credential_expired) and sends nothing')
    })
    const forced = await step(`${WINE.name} asks once more`, () => ask(wine, { preset: PSEUDONYMOUS_PRESET }))
    await step('A modified wallet that ignores exp sends a proof from the expired BBS credential anyway', async () => {
      const requestUri = new URL(forced.authorization_request).searchParams.get('request_uri') ?? ''
      const ro = decodeJwt(await recorder.as('modified wallet', async () => (await fetch(requestUri)).text()))
      const query = pseudonymousAgePresetQuery(PID_VCT).credentials[0] as JptCredentialQuery
      const token = presentBbsCredential(heldBbs, query, { clientId: String(ro.client_id), nonce: String(ro.nonce), iat: now(), pseudonymScope: wine.verifier.pseudonymScope })
      const res = await recorder.as('modified wallet', () => fetch(String(ro.response_uri), { method: 'POST', body: new URLSearchParams({ vp_token: JSON.stringify({ [query.id]: [token] }), state: String(ro.state) }) }))
      await res.arrayBuffer()
      const r = await result(wine, forced.id)
      flush()
      check(r.status === 'rejected' && r.error === 'credential_expired' && r.claims === undefined, `${WINE.name}'s verifier rejects it: { status: rejected, error: credential_expired }, no claims`)
    })
    note('so a revoked or suspended person\'s BBS presentations still verify until the credential\'s exp (at most 24 h after its issuance, the issuer\'s revocation window, plus the verifiers\' 60 s clock skew); no renewal is granted, and every presentation after that is refused')

    out(`\n${rule}\n Demo finished: ${checks.length} checks passed, ${recorder.exchanges.length} HTTP messages shown.\n${rule}`)
  } finally {
    recorder.uninstall()
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    flush()
    process.stderr.write(`\nDEMO FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
