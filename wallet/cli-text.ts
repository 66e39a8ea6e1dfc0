// What the wallet CLI prints for people (issue 16): `list` one entry per batch with its unused copies, labels and values
// in the person's language from the issuer's stored display metadata; every outside string made terminal-safe.
import { bbsCredentialClaims, terminalSafe } from './core/index.ts'
import type { AcceptResult, IssuerDisplay, ListedCredential, StoredBbsCredential } from './core/index.ts'
import { formatClaimValue, joinLabels } from './i18n/claims.ts'
import { formatDay } from './i18n/dates.ts'
import { pickTimeZone } from './i18n/locale.ts'
import type { Locale } from './i18n/locale.ts'
import { translate } from './i18n/messages.ts'
import { statusOf } from './pages/card-model.ts'
import type { CardStatus } from './pages/card-model.ts'
import { typeLabels } from './pages/labels.ts'

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

/** `wallet list` for people: one entry per SD-JWT batch (unused copies of total, status over the copies), one per BBS credential. */
export function listLines(creds: ListedCredential[], bbs: StoredBbsCredential[], displays: Displays, locale: Locale, now: number): string[] {
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
    const shown = [...new Set(copies.flatMap((c) => c.shownTo.map((s) => terminalSafe(s.name))))]
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
