// The wallet CLI: `npm run wallet -- accept|list|present|top-up|refresh-trust|refresh-bbs|export-nym|import-nym|history` (commander).
import { readFile, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline/promises'
import { pathToFileURL } from 'node:url'
import { Command, Option } from 'commander'
import { EidError, isEidError } from '../shared/errors/index.ts'
import { openWallet, terminalJson, terminalSafe } from './core/index.ts'
import type { Wallet } from './core/index.ts'
import { acceptLines, cliLocale, consentLines, historyLines, listLines, presentResultLine } from './cli-text.ts'
import type { Locale } from './i18n/locale.ts'
import { translate } from './i18n/messages.ts'
import { walletConfigFromEnv } from './config.ts'

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

async function wallet(): Promise<Wallet> {
  return openWallet(walletConfigFromEnv())
}

/** `--lang`: labels and values in the person's language (default from LC_ALL/LANG). */
const langOption = (): Option => new Option('--lang <lang>', 'language of labels and values (default: zh-CN when LC_ALL or LANG is Chinese, else en)').choices(['zh-CN', 'en'])

/** Prints the consent question in `locale` and asks on the terminal (exit 2 without one: scripts pass --yes or --decline). */
async function askConsent(lines: string[], locale: Locale): Promise<boolean> {
  lines.forEach((line) => out(line))
  if (!process.stdin.isTTY) throw Object.assign(new Error(translate(locale, 'cli.needFlag')), { exitCode: 2 })
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    const answer = (await rl.question(translate(locale, 'cli.shareQuestion'))).trim().toLowerCase()
    return answer === 'y' || answer === 'yes'
  } finally {
    rl.close()
  }
}

export function buildProgram(): Command {
  const program = new Command('wallet').description('e-ID wallet: holds SD-JWT VC credentials, presents them with consent').showHelpAfterError()

  program
    .command('accept')
    .description('accept a credential offer (OpenID4VCI pre-authorized code flow, batch issuance)')
    .argument('<offer-uri>', 'openid-credential-offer://... URI')
    .option('--tx-code <code>', 'transaction code received out of band')
    .addOption(langOption())
    .action(async (offerUri: string, opts: { txCode?: string; lang?: string }) => {
      const w = await wallet()
      const r = await w.accept(offerUri, opts.txCode === undefined ? {} : { txCode: opts.txCode })
      acceptLines(r, w.issuerDisplays(), cliLocale(opts.lang)).forEach((line) => out(line))
    })

  program
    .command('list')
    .description('list credentials: one entry per batch with its unused copies, status, validity and claims (--json: every copy)')
    .option('--no-status', 'do not fetch status lists')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: { status: boolean; json?: boolean; lang?: string }) => {
      const w = await wallet()
      const creds = await w.list({ checkStatus: opts.status })
      if (opts.json) return out(terminalJson(creds))
      listLines(creds, await w.bbsCredentials(), w.issuerDisplays(), cliLocale(opts.lang), Date.now() / 1000, w.history()).forEach((line) => out(line))
    })

  program
    .command('present')
    .description('answer an OpenID4VP request after checking the service and asking for consent')
    .argument('<openid4vp-uri>', 'openid4vp://?client_id=...&request_uri=...')
    .addOption(new Option('--yes', 'consent without asking (scripts)').conflicts('decline'))
    .addOption(new Option('--decline', 'decline: the service receives access_denied').conflicts('yes'))
    .addOption(langOption())
    .action(async (uri: string, opts: { yes?: boolean; decline?: boolean; lang?: string }) => {
      const w = await wallet()
      const locale = cliLocale(opts.lang)
      const r = await w.present(uri, {
        consent: async (req) => {
          const lines = consentLines(req, w.issuerDisplays(), locale)
          if (opts.yes || opts.decline) {
            lines.forEach((line) => out(line))
            return opts.yes === true
          }
          return askConsent(lines, locale)
        },
      })
      out(presentResultLine(r, w.issuerDisplays(), locale))
      if (r.outcome === 'sent' && r.redirectUri) out(`${translate(locale, 'result.continue')}: ${terminalSafe(r.redirectUri, 2048)}`)
    })

  program
    .command('refresh-bbs')
    .description('renew BBS credentials (pid_bbs) that expire soon; run it daily at a random time (e.g. from cron), so renewals do not coincide with visits')
    .option('--within-hours <h>', 'renew those expiring within this many hours', '30')
    .action(async (opts: { withinHours: string }) => {
      const hours = Number(opts.withinHours)
      if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 365) throw new EidError('invalid_request', '--within-hours must be a number of hours')
      const n = await (await wallet()).refreshBbs(Math.round(hours * 3600))
      out(n === 0 ? 'No BBS credential needed renewing.' : `Renewed ${n} BBS credential(s).`)
    })

  program
    .command('top-up')
    .description('fetch a new batch of SD-JWT credentials through the issuer\'s refresh grant when few unused copies remain (the wallet page does it in the background); never run it right before a visit')
    .option('--threshold <n>', 'top up when fewer unused copies than this remain', '3')
    .option('--force', 'top up whatever the count')
    .action(async (opts: { threshold: string; force?: boolean }) => {
      const threshold = Number(opts.threshold)
      if (!Number.isInteger(threshold) || threshold < 0 || threshold > 1000) throw new EidError('invalid_request', '--threshold must be an integer from 0 to 1000')
      const results = await (await wallet()).topUp({ threshold, ...(opts.force ? { force: true } : {}) })
      if (results.length === 0) return out('No batch needed topping up.')
      for (const r of results) out(`Added ${r.count} credential(s) from ${terminalSafe(r.issuer)} (${r.unusedBefore} unused before).`)
    })

  program
    .command('refresh-trust')
    .description('load the registrar root(s) from WALLET_TRUSTED_REGISTRAR into the wallet file; presenting uses the stored roots and never contacts the authority (accept refreshes them too)')
    .action(async () => {
      const n = await (await wallet()).refreshTrust()
      out(n === 0 ? 'The registrar roots are configured inline; nothing to load.' : `Stored ${n} registrar root certificate(s) in the wallet.`)
    })

  program
    .command('export-nym')
    .description('back up the pseudonym secret used with each issuer (secret: keep it offline); import-nym restores it, so your pseudonyms survive a lost wallet')
    .requiredOption('--out <file>', 'file to write (created 0600, never overwritten)')
    .action(async (opts: { out: string }) => {
      const backup = await (await wallet()).exportNyms()
      await writeFile(opts.out, `${JSON.stringify(backup, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
      out(`Wrote the pseudonym secrets of ${Object.keys(backup.prover_nyms).length} issuer(s) to ${opts.out}. Keep it secret and offline.`)
    })

  program
    .command('import-nym')
    .description('restore pseudonym secrets written by export-nym; the next offer from each issuer gives your old pseudonyms')
    .argument('<file>', 'file written by export-nym')
    .action(async (file: string) => {
      let doc: unknown
      try {
        doc = JSON.parse(await readFile(file, 'utf8'))
      } catch {
        throw new EidError('invalid_request', 'the nym backup file is not readable JSON')
      }
      const issuers = await (await wallet()).importNyms(doc)
      // the issuer identifiers come from the backup file: outside text
      out(`Restored the pseudonym secrets of ${issuers.length} issuer(s): ${issuers.map((i) => terminalSafe(i)).join(', ')}.`)
    })

  program
    .command('history')
    .description('what was disclosed, declined or refused, to whom, when')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: { json?: boolean; lang?: string }) => {
      const w = await wallet()
      if (opts.json) return out(terminalJson(w.history()))
      historyLines(w.history(), w.issuerDisplays(), cliLocale(opts.lang)).forEach((line) => out(line))
    })
  return program
}

/** Runs the CLI; EidErrors print `error [code]: message` and exit 1 (refusals included). */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return 0
  } catch (err) {
    if (isEidError(err)) {
      // Messages may quote a service's or issuer's error_description.
      process.stderr.write(`error [${err.code}]: ${terminalSafe(err.message, 512)}\n`)
      return 1
    }
    const exitCode = (err as { exitCode?: unknown }).exitCode
    if (typeof exitCode === 'number') {
      process.stderr.write(`error: ${terminalSafe((err as Error).message, 512)}\n`)
      return exitCode
    }
    throw err
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv)
}
