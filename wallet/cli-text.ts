// What the wallet CLI prints for people (issue 16): `list` one entry per batch with its unused copies, labels and values
// in the person's language from the issuer's stored display metadata; every outside string made terminal-safe.
import { bbsCredentialClaims, terminalSafe } from './core/index.ts'
import type { AcceptResult, ConsentRequest, HistoryEntry, IssuerDisplay, ListedCredential, PresentResult, StoredBbsCredential } from './core/index.ts'
import { formatClaimValue, joinLabels } from './i18n/claims.ts'
import { formatDateTime, formatDay } from './i18n/dates.ts'
import { explainCode } from './i18n/errors.ts'
import { pickTimeZone } from './i18n/locale.ts'
import type { Locale } from './i18n/locale.ts'
import { translate } from './i18n/messages.ts'
import type { MessageKey } from './i18n/messages.ts'
import { statusOf } from './pages/card-model.ts'
import type { CardStatus } from './pages/card-model.ts'
import { anyClaimLabel, typeLabels } from './pages/labels.ts'

/** `--lang`, else zh-CN when `LC_ALL` (or, unset, `LANG`) names Chinese, else English. */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  if (flag === 'zh-CN' || flag === 'en') return flag
  const lang = env.LC_ALL || env.LANG || ''
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

const timeZone = (): string => pickTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone)
const day = (t: number | undefined, locale: Locale): string => (t === undefined ? translate(locale, 'value.never') : formatDay(t, locale, timeZone()))

type Displays = Record<string, IssuerDisplay>

/** Claims sorted by their label in `locale`, once each, as `label: value` lines (the ID number masked). */
function claimLines(claims: Record<string, unknown>, labels: ReturnType<typeof typeLabels>, locale: Locale): string[] {
  return Object.entries(claims)
    .map(([k, v]) => [labels.claim([k]), formatClaimValue([k], v, locale)] as const)
    .sort(([a], [b]) => a.localeCompare(b, locale))
    .map(([label, value]) => `    ${terminalSafe(label)}: ${terminalSafe(value)}`)
}

function header(name: string, format: string, status: CardStatus, extra: string, expiresAt: number | undefined, locale: Locale): string {
  const sep = locale === 'zh-CN' ? '，' : ', '
  return `- ${terminalSafe(name)} (${format})  [${translate(locale, `status.${status}`)}]  ${extra}${sep}${translate(locale, 'card.validUntil', { date: day(expiresAt, locale) })}`
}

/**
 * `wallet list` for people: one entry per SD-JWT batch (unused copies of those held, status over the copies), one per BBS
 * credential. "Shown to" names the services its copies went to, from the copies and, for spent copies pruned from
 * the wallet (wallet/core/prune.ts), from `history` (by credential type).
 */
export function listLines(creds: ListedCredential[], bbs: StoredBbsCredential[], displays: Displays, locale: Locale, now: number, history: HistoryEntry[] = []): string[] {
  if (creds.length === 0 && bbs.length === 0) return [translate(locale, 'cli.empty')]
  const batches = new Map<string, ListedCredential[]>()
  for (const c of creds) batches.set(c.batchId, [...(batches.get(c.batchId) ?? []), c])
  const lines: string[] = []
  for (const copies of batches.values()) {
    const first = copies[0] as ListedCredential
    const labels = typeLabels(displays, first.vct, first.issuer, locale)
    const live = copies.filter((c) => !c.expired && c.status !== 'revoked')
    const unused = live.filter((c) => c.shownTo.length === 0).length
    const expiresAt = copies.reduce<number | undefined>((m, c) => (c.expiresAt === undefined ? m : Math.max(m ?? 0, c.expiresAt)), undefined)
    lines.push(header(labels.credential, 'SD-JWT', statusOf(copies), translate(locale, 'cli.copies', { unused, total: copies.length }), expiresAt, locale))
    lines.push(`    ${translate(locale, 'card.from', { issuer: terminalSafe(labels.issuer) })}`)
    lines.push(...claimLines(first.claims, labels, locale))
    const sentTo = history.filter((e) => e.outcome === 'sent' && e.serviceName !== '' && e.disclosures.some((d) => d.vct === first.vct)).map((e) => e.serviceName)
    const shown = [...new Set([...copies.flatMap((c) => c.shownTo.map((s) => s.name)), ...sentTo].map((n) => terminalSafe(n)))]
    lines.push(`    ${translate(locale, 'card.shownTo')}: ${shown.length === 0 ? translate(locale, 'card.shownToNobody') : joinLabels(shown, locale)}`)
  }
  for (const b of bbs) {
    const labels = typeLabels(displays, b.vct, b.issuer, locale)
    lines.push(header(labels.credential, 'BBS', b.expiresAt <= now ? 'expired' : 'valid', translate(locale, 'cli.bbs'), b.expiresAt, locale))
    lines.push(`    ${translate(locale, 'card.from', { issuer: terminalSafe(labels.issuer) })}`)
    lines.push(...claimLines(bbsCredentialClaims(b), labels, locale))
  }
  return lines
}

/** What `accept` received, saying what each credential is (the SD-JWT batch, the unlinkable BBS credential). */
export function acceptLines(r: AcceptResult, displays: Displays, locale: Locale): string[] {
  return r.batches.map((b) => {
    const labels = typeLabels(displays, b.vct, r.issuer, locale)
    const values = { count: b.count, name: terminalSafe(labels.credential), issuer: terminalSafe(labels.issuer), date: day(b.expiresAt, locale) }
    return translate(locale, b.format === 'dc+jpt' ? 'cli.acceptedBbs' : 'cli.acceptedBatch', values)
  })
}

/** `label: value` with the colon of `locale`. */
const labelled = (label: string, value: string, locale: Locale): string => `${label}${locale === 'zh-CN' ? '：' : ': '}${value}`

/**
 * The consent question of `present` in the person's language, as the wallet page asks it: who asks (registrar-verified
 * name), why, what the registrar allows, exactly what leaves with the issuer's names for the claims and values as a
 * person reads them (the ID number masked), the pseudonym; every outside string terminal-safe.
 */
export function consentLines(req: ConsentRequest, displays: Displays, locale: Locale): string[] {
  const t = (key: MessageKey, values: Record<string, string | number> = {}): string => translate(locale, key, values)
  const service = terminalSafe(req.serviceName)
  const firstVct = req.credentials[0]?.vct ?? ''
  const allowance = joinLabels(req.registeredClaims.map((p) => terminalSafe(typeLabels(displays, firstVct, undefined, locale).claim(p))), locale)
  const lines = [
    t('consent.title', { service }),
    `  ${t('consent.registered', { service })}`,
    `  ${labelled(t('consent.purpose'), terminalSafe(req.purpose, 512), locale)}`,
    `  ${t('consent.allowance', { service, claims: allowance })}`,
    `  ${labelled(t('consent.leaves'), '', locale).trimEnd()}`,
  ]
  for (const c of req.credentials) {
    const labels = typeLabels(displays, c.vct, c.issuer, locale)
    if (c.claims.length === 0) lines.push(`    - ${t('consent.proofOnly', { credential: terminalSafe(labels.credential) })}`)
    for (const claim of c.claims) lines.push(`    - ${labelled(terminalSafe(labels.claim(claim.path)), terminalSafe(formatClaimValue(claim.path, claim.value, locale)), locale)}`)
    if (c.pseudonym) lines.push(`    - ${t('consent.pseudonym', { service })}`)
    lines.push(`    ${t('consent.from', { credential: terminalSafe(labels.credential), issuer: terminalSafe(labels.issuer) })}`)
  }
  if (!req.credentials.some((c) => c.pseudonym === true)) lines.push(`  ${t('consent.noPseudonym')}`)
  lines.push(`  ${labelled(t('consent.clientId'), terminalSafe(req.clientId), locale)}`)
  lines.push(`  ${labelled(t('consent.answerTo'), terminalSafe(req.responseOrigin), locale)}`)
  return lines
}

/** What `present` prints after answering: what went to whom, or that the service was told no. */
export function presentResultLine(r: PresentResult, displays: Displays, locale: Locale): string {
  const service = terminalSafe(r.serviceName)
  if (r.outcome === 'declined') return translate(locale, 'result.declined', { service })
  const claims = r.disclosed.flatMap((d) => d.claims.map((p) => terminalSafe(typeLabels(displays, d.vct, undefined, locale).claim(p))))
  return translate(locale, 'result.shared', { service, claims: claims.length === 0 ? translate(locale, 'result.proofOnly') : joinLabels(claims, locale) })
}

const OUTCOMES = new Set(['sent', 'declined', 'refused', 'not_accepted'])

/** `wallet history` for people, oldest first: when, outcome, service, purpose, what was asked and sent or why refused. */
export function historyLines(history: HistoryEntry[], displays: Displays, locale: Locale): string[] {
  const t = (key: MessageKey): string => translate(locale, key)
  if (history.length === 0) return [t('history.empty')]
  const lines: string[] = []
  for (const e of history) {
    const outcome = OUTCOMES.has(e.outcome) ? e.outcome : 'refused'
    const name = e.serviceName === '' ? t('value.unknownService') : terminalSafe(e.serviceName)
    lines.push(`${formatDateTime(e.at, locale, timeZone())}  ${t(`outcome.${outcome}` as MessageKey)}  ${name} (${terminalSafe(e.clientId)})`)
    if (e.purpose !== '') lines.push(`    ${labelled(t('history.purpose'), terminalSafe(e.purpose, 512), locale)}`)
    const asked = (e.refusal?.requested ?? []).map((p) => terminalSafe(anyClaimLabel(displays, p, locale)))
    if (asked.length > 0) lines.push(`    ${labelled(t('history.asked'), joinLabels(asked, locale), locale)}`)
    if (outcome === 'refused') {
      const code = terminalSafe(e.refusal?.code ?? 'unknown')
      lines.push(`    ${labelled(t('history.why'), `${explainCode(e.refusal?.code ?? '', locale)} (${code})`, locale)}`)
    } else {
      const sent = e.disclosures.flatMap((d) => d.claims.map((p) => terminalSafe(typeLabels(displays, d.vct, undefined, locale).claim(p))))
      lines.push(`    ${labelled(t('history.sent'), sent.length > 0 ? joinLabels(sent, locale) : t('history.nothingSent'), locale)}`)
    }
  }
  return lines
}
