// `npm start`: issuer, verifier (a demo service registered for age_over_18), the wallet web app and the demo shop,
// in one process with embedded stores under EID_DATA_DIR; enrolls a synthetic person and prints how to walk the flow.
import { join, resolve } from 'node:path'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { demoPerson, enrollPerson } from './lib/demo-person.ts'
import { DEMO_FILES, recordIssuerUrl } from './lib/demo-secrets.ts'
import { shellQuote, startConfigFromEnv } from './lib/start-config.ts'
import type { StartConfig } from './lib/start-config.ts'
import { startShop } from '../examples/shop/shop.ts'
import { startIssuer, startService, startWalletApp } from './lib/stack.ts'
import type { RunningIssuer, RunningVerifier, RunningWalletApp, ServiceSpec } from './lib/stack.ts'

/** The demo relying party `npm start` registers (once per data folder). */
const DEMO_SERVICE: ServiceSpec = {
  name: 'Demo Wine Shop',
  purpose: 'Checks that a buyer is at least 18 before selling wine',
  allowedClaims: [['age_over_18']],
}

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

function printInstructions(c: StartConfig, issuer: RunningIssuer, verifier: RunningVerifier & { registered: boolean }, wallet: RunningWalletApp, shopUrl: string, offer: { uri: string; txCode: string; personId: string }, person: { family_name: string; given_name: string }): void {
  const demo = (generated: boolean, file: string): string => (generated ? `  (demo value, kept in ${join(resolve(c.dataDir), file)})` : '')
  const auth = `Authorization: Bearer ${verifier.apiKey}`
  out('')
  out('e-ID demo is running. Data folder: ' + resolve(c.dataDir))
  out(`  issuer    ${issuer.url}    admin token: ${c.generated.adminToken ? `${issuer.adminToken}${demo(true, DEMO_FILES.adminToken)}` : '(from ISSUER_ADMIN_TOKEN)'}`)
  out(`  verifier  ${verifier.url}    API key: ${verifier.apiKey}${demo(c.generated.apiKey, DEMO_FILES.apiKey)}`)
  out(`            service "${verifier.name}" (${verifier.registered ? 'registered now' : 'already registered'}), client_id ${verifier.clientId}`)
  out(`            may ask for: ${DEMO_SERVICE.allowedClaims.map((p) => p.join('.')).join(', ')}`)
  out(`  wallet    ${wallet.url}/   (web page; the CLI below uses the same wallet file)`)
  out(`  shop      ${shopUrl}/   (demo shop: an age-gated page asking your wallet for age_over_18; verifier API docs: ${verifier.url}/docs)`)
  out(`  person    ${person.given_name} ${person.family_name}, synthetic ID number (person_id ${offer.personId})`)
  out('')
  out('Walk the flow by hand, in another terminal in this folder:')
  out('')
  out('# 1. wallet settings (the passphrase encrypts the wallet file under the data folder)')
  out(
    `export EID_DATA_DIR=${shellQuote(c.dataDir)} WALLET_PASSPHRASE=${shellQuote(c.walletPassphrase)} ` +
      `WALLET_TRUSTED_REGISTRAR=${shellQuote(issuer.registrarRootUrl)} WALLET_TRUSTED_ISSUERS=${shellQuote(issuer.url)} WALLET_ALLOW_HTTP_HOSTS=${shellQuote(`${new URL(issuer.url).hostname},localhost`)}`,
  )
  out('')
  out('# 2. accept the credential offer (a batch of 10 credentials; the code reaches the person out of band)')
  out(`npm run wallet -- accept ${shellQuote(offer.uri)} --tx-code ${offer.txCode}`)
  out('')
  out('# 3. the service asks for age_over_18; note "id" and "authorization_request" in the answer')
  out(`curl -s -X POST ${verifier.url}/presentations -H ${shellQuote(auth)} -H 'Content-Type: application/json' -d '{"preset":"age_over_18"}'`)
  out('')
  out('# 4. the wallet shows who asks, why and exactly what, then answers (add --yes to skip the question)')
  out(`npm run wallet -- present '<authorization_request>'`)
  out('')
  out('# 5. the service reads the result: {"status":"verified","claims":{"age_over_18":true}}')
  out(`curl -s ${verifier.url}/presentations/'<id>' -H ${shellQuote(auth)}`)
  out('')
  out(`Or use the wallet's web page instead of steps 2 and 4 (same wallet file): open ${wallet.url}/, unlock it with the`)
  out(`WALLET_PASSPHRASE above, then scan (or paste) the offer and code, then the authorization_request; it shows the consent screen.`)
  out('Also: npm run wallet -- list | history.  The offer is single use and expires in 10 minutes; restart for a new one.')
  out('Each SD-JWT copy is presented once. The wallet app tops the batch up in the background through the issuer\'s refresh grant')
  out('(every 2 to 4 h at a random time, when fewer than 3 unused copies remain) and renews the BBS credential (every 6 to 12 h);')
  out('npm run wallet -- top-up (or refresh-bbs) does it now.')
  if (c.statusEpochSeconds > 0) {
    out(`A revocation or suspension (desk, or POST ${issuer.url}/admin/persons/<person_id>/revoke) is recorded at once and takes effect at the`)
    out(`next status epoch, at most ${c.statusEpochSeconds} s (STATUS_EPOCH_SECONDS; production default 900): everyone's changes of an epoch are published together.`)
  }
  out('Stop with Ctrl-C.')
  out('')
}

async function main(): Promise<void> {
  const c = startConfigFromEnv()
  const log = (name: string): Logger => pino({ name, level: c.logLevel }, pino.destination(2))
  const closers: (() => Promise<void>)[] = []
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${signal}: stopping\n`)
    for (const close of closers.reverse()) await close().catch((err: unknown) => process.stderr.write(`close failed: ${String(err)}\n`))
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  const issuer = await startIssuer({ host: c.host, port: c.issuerPort, dataDir: c.dataDir, adminToken: c.adminToken, logger: log('issuer'), extra: { statusEpochSeconds: c.statusEpochSeconds }, ...(c.issuerUrl ? { publicUrl: c.issuerUrl } : {}) })
  closers.push(issuer.close)
  const formerIssuerUrl = recordIssuerUrl(c.dataDir, issuer.url)
  if (formerIssuerUrl !== undefined) {
    process.stderr.write(
      `warning: the credentials in ${resolve(c.dataDir)} were issued by ${formerIssuerUrl}, but the issuer now starts as ${issuer.url}.\n` +
        `  Credentials name their issuer by URL: those accepted before will not verify here. Keep the ports (or ISSUER_URL) of a data\n` +
        `  folder stable, or accept the new offer printed below.\n`,
    )
  }
  const verifier = await startService({
    host: c.host,
    port: c.verifierPort,
    dataDir: c.dataDir,
    apiKey: c.apiKey,
    issuer,
    // The shop's pages are the service's too: the wallet sends the person back there after a same-device check.
    spec: shopOrigin(c) === undefined ? DEMO_SERVICE : { ...DEMO_SERVICE, pageOrigins: [shopOrigin(c) as string] },
    logger: log('verifier'),
    ...(c.verifierUrl ? { publicUrl: c.verifierUrl } : {}),
  })
  closers.push(verifier.close)
  // The wallet web app is part of the demo: when it cannot start (its port taken, an unreadable wallet file), npm start fails.
  const wallet = await startWalletApp({
    host: c.host,
    port: c.walletPort,
    logger: log('wallet'),
    config: { dir: join(c.dataDir, 'wallet'), passphrase: c.walletPassphrase, trustedRegistrar: issuer.registrarRootUrl, trustedIssuers: [issuer.url], allowHttpHosts: [new URL(issuer.url).hostname, 'localhost'] },
  })
  closers.push(wallet.close)

  // The demo shop: an example relying party with its own backend holding the verifier's API key (examples/shop).
  const shop = await startShop({ host: c.host, port: c.shopPort, verifierUrl: verifier.url, apiKey: verifier.apiKey, walletUrl: wallet.url })
  closers.push(shop.close)

  const person = demoPerson(join(c.dataDir, 'demo-person.json'))
  const enrollment = await enrollPerson(issuer.url, issuer.adminToken, person)
  printInstructions(c, issuer, verifier, wallet, shop.url, { uri: enrollment.credential_offer_uri, txCode: enrollment.tx_code, personId: enrollment.person_id }, person)
}

/** The demo shop's origin as it will listen (examples/shop), when its port is fixed. */
function shopOrigin(c: { host: string; shopPort: number }): string | undefined {
  const url = `http://${c.host === '0.0.0.0' ? '127.0.0.1' : c.host}:${c.shopPort}`
  return c.shopPort !== 0 && URL.canParse(url) ? new URL(url).origin : undefined
}

main().catch((err: unknown) => {
  const e = err as { code?: unknown; port?: unknown }
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`npm start failed: port ${String(e.port)} is in use (set ISSUER_PORT, VERIFIER_PORT, WALLET_PORT, SHOP_PORT; 0 picks a free port)\n`)
    process.exit(1)
  }
  process.stderr.write(`npm start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
