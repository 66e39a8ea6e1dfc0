// The credential cards: one per credential type (issuer, type, format), with its copies, status and display metadata.
import { createHash } from 'node:crypto'
import { bbsCredentialClaims } from '../core/index.ts'
import type { DisplayEntry, HistoryEntry, IssuerDisplay, ListedCredential, StoredBbsCredential } from '../core/index.ts'
import { configurationDisplay } from '../i18n/claims.ts'

export type CardStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'unknown'

export interface Card {
  /** Stable id of the card in URLs (a hash: the type identifier never appears on a page). */
  key: string
  kind: 'sd-jwt' | 'bbs'
  issuer: string
  vct: string
  issuerDisplay: IssuerDisplay | undefined
  config: IssuerDisplay['configurations'][string] | undefined
  status: CardStatus
  /** SD-JWT: copies held and not yet shown to any service. */
  copies: number
  unused: number
  issuedAt: number | undefined
  expiresAt: number | undefined
  /** Claims of the newest copy (the wallet's own data). */
  claims: Record<string, unknown>
  shownTo: string[]
}

const cardKey = (kind: string, issuer: string, vct: string): string =>
  createHash('sha256').update(`${kind}\n${issuer}\n${vct}`).digest('base64url').slice(0, 22)

/** Revoked or suspended if any copy is; expired if every copy is; valid if a copy is; else unknown. */
export function statusOf(copies: ListedCredential[]): CardStatus {
  if (copies.some((c) => c.status === 'revoked')) return 'revoked'
  if (copies.some((c) => c.status === 'suspended')) return 'suspended'
  if (copies.every((c) => c.expired)) return 'expired'
  if (copies.some((c) => !c.expired && (c.status === 'valid' || c.status === 'none'))) return 'valid'
  return 'unknown'
}

/**
 * Groups credentials into cards (SD-JWT batches of one type together; the BBS credential of a type on its own card).
 * An SD-JWT card is shown to the services its held copies went to and, from `history`, those its spent copies (pruned
 * from the wallet file, wallet/core/prune.ts) went to.
 */
export function buildCards(input: {
  credentials: ListedCredential[]
  bbs: StoredBbsCredential[]
  displays: Record<string, IssuerDisplay>
  now: number
  history?: HistoryEntry[]
}): Card[] {
  const sentTo = (vct: string): string[] =>
    (input.history ?? []).filter((e) => e.outcome === 'sent' && e.disclosures.some((d) => d.vct === vct)).map((e) => e.serviceName).filter((n) => n !== '')
  const display = (issuer: string): IssuerDisplay | undefined => (Object.hasOwn(input.displays, issuer) ? input.displays[issuer] : undefined)
  const groups = new Map<string, ListedCredential[]>()
  for (const c of input.credentials) {
    const key = cardKey('sd-jwt', c.issuer, c.vct)
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const cards: Card[] = []
  for (const [key, copies] of groups) {
    const newest = copies.reduce((a, b) => ((b.issuedAt ?? 0) > (a.issuedAt ?? 0) ? b : a))
    const d = display(newest.issuer)
    const live = copies.filter((c) => !c.expired && c.status !== 'revoked')
    cards.push({
      key,
      kind: 'sd-jwt',
      issuer: newest.issuer,
      vct: newest.vct,
      issuerDisplay: d,
      config: configurationDisplay(d, undefined, newest.vct),
      status: statusOf(copies),
      copies: copies.length,
      unused: live.filter((c) => c.shownTo.length === 0).length,
      issuedAt: newest.issuedAt,
      expiresAt: live.reduce<number | undefined>((m, c) => (c.expiresAt === undefined ? m : Math.max(m ?? 0, c.expiresAt)), undefined) ?? newest.expiresAt,
      claims: newest.claims,
      shownTo: [...new Set([...copies.flatMap((c) => c.shownTo.map((s) => s.name)), ...sentTo(newest.vct)])],
    })
  }
  for (const b of input.bbs) {
    const d = display(b.issuer)
    cards.push({
      key: cardKey('bbs', b.issuer, `${b.vct}\n${b.id}`),
      kind: 'bbs',
      issuer: b.issuer,
      vct: b.vct,
      issuerDisplay: d,
      config: configurationDisplay(d, b.credentialConfigurationId, b.vct),
      // renewed by the wallet's schedule: an expired one is waiting for renewal
      status: b.expiresAt <= input.now ? 'expired' : 'valid',
      copies: 1,
      unused: 1,
      issuedAt: b.issuedAt,
      expiresAt: b.expiresAt,
      claims: bbsCredentialClaims(b),
      shownTo: [...new Set(b.shownTo.map((s) => s.name))],
    })
  }
  return cards
}

/** The card colours of a display entry, as a CSS rule for `.card-<key>` (colours are checked hex values). */
export function cardCss(key: string, entry: DisplayEntry | undefined): string {
  if (entry?.background_color === undefined && entry?.text_color === undefined) return ''
  const bg = entry.background_color ? `background:${entry.background_color};` : ''
  const fg = entry.text_color ? `color:${entry.text_color};` : ''
  return `.card-${key}{${bg}${fg}}\n`
}
