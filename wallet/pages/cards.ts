// Home (the credential cards) and a card's own page (its claims, the ID number masked unless asked for).
import type { View } from '../http/view.ts'
import { claimLabel, credentialName, formatClaimValue, issuerName, MASKED_CLAIMS } from '../i18n/claims.ts'
import { formatDay } from '../i18n/dates.ts'
import { pickDisplay } from '../i18n/locale.ts'
import type { Card } from './card-model.ts'
import { html, page } from './layout.ts'
import type { Raw } from './layout.ts'

function copiesText(view: View, card: Card): string {
  if (card.kind === 'bbs') return view.t('card.unlinkable')
  if (card.unused === 0) return view.t('card.copiesNone')
  return card.unused === 1 ? view.t('card.copiesLeft1') : view.t('card.copiesLeft', { count: card.unused })
}

/** The face of a card: logo, names, status, copies left, validity. */
function cardFace(view: View, card: Card, heading: 'h2' | 'p'): Raw {
  const entry = pickDisplay(card.config?.display, view.locale)
  const name = credentialName(card.config, view.locale)
  const logo = entry?.logo
  const title = heading === 'h2' ? html`<h2 class="card-name">${name}</h2>` : html`<p class="card-name">${name}</p>`
  return html`<div class="card-face card-${card.key}">${logo ? html`<img class="card-logo" src="${logo.uri}" alt="${logo.alt_text ?? ''}">` : html``}${title}
<p class="card-issuer">${view.t('card.from', { issuer: issuerName(card.issuerDisplay, card.issuer, view.locale) })}</p>
<p class="card-meta"><span class="badge status-${card.status}">${view.t(`status.${card.status}`)}</span> <span>${copiesText(view, card)}</span></p>
${card.expiresAt !== undefined ? html`<p class="card-meta">${view.t('card.validUntil', { date: formatDay(card.expiresAt, view.locale, view.timeZone) })}</p>` : html``}</div>`
}

/** Home: one card per credential type, and the way to scan. */
export function homePage(view: View, cards: Card[]): string {
  const scan = html`<p class="scan-cta"><a class="button primary" href="/scan">${view.t('home.scan')}</a> <span class="muted">${view.t('home.scanHint')}</span></p>`
  if (cards.length === 0) return page(view, view.t('home.title'), html`<p>${view.t('home.empty')}</p>${scan}`, { nav: '/' })
  return page(
    view,
    view.t('home.title'),
    html`<ul class="cards" id="cards">${cards.map(
      (c) => html`<li><a class="card" href="/cards/${c.key}">${cardFace(view, c, 'h2')}</a></li>`,
    )}</ul>${scan}`,
    { nav: '/' },
  )
}

/** Top-level claims in the issuer's order (in Chinese the family name first), then any others. */
function orderedClaims(card: Card, view: View): [string, unknown][] {
  const order: unknown[] = (card.config?.claims ?? []).filter((c) => c.path.length === 1).map((c) => c.path[0])
  const family = order.indexOf('family_name')
  const given = order.indexOf('given_name')
  if (view.locale === 'zh-CN' && family > given && given >= 0) [order[given], order[family]] = [order[family], order[given]]
  return Object.entries(card.claims).sort(([a], [b]) => {
    const ia = order.indexOf(a)
    const ib = order.indexOf(b)
    return (ia === -1 ? 1e6 : ia) - (ib === -1 ? 1e6 : ib)
  })
}

/** A card's own page: its face, every claim labelled for people, the ID number masked unless `reveal`. */
export function cardPage(view: View, card: Card, reveal: boolean): string {
  const hasMasked = Object.keys(card.claims).some((k) => MASKED_CLAIMS.has(k))
  const claims = orderedClaims(card, view)
  return page(
    view,
    credentialName(card.config, view.locale),
    html`<div class="card solo">${cardFace(view, card, 'p')}</div>
<p class="muted">${card.kind === 'bbs' ? view.t('card.unlinkableWhy') : view.t('card.copiesWhy')}</p>
<h2>${view.t('card.details')}</h2>
<dl class="claims" id="claims">${claims.map(
      ([k, v]) => html`<div class="claim"><dt>${claimLabel(card.config, [k], view.locale)}</dt><dd${MASKED_CLAIMS.has(k) ? html` class="masked" data-masked="${reveal ? 'no' : 'yes'}"` : html``}>${formatClaimValue([k], v, view.locale, { reveal })}</dd></div>`,
    )}</dl>
${hasMasked ? html`<p><a class="button" href="/cards/${card.key}${reveal ? '' : '?reveal=1'}">${view.t(reveal ? 'card.hide' : 'card.reveal')}</a></p>` : html``}
${card.issuedAt !== undefined ? html`<p class="muted">${view.t('card.issued', { date: formatDay(card.issuedAt, view.locale, view.timeZone) })}</p>` : html``}
<h2>${view.t('card.shownTo')}</h2>${card.shownTo.length === 0 ? html`<p>${view.t('card.shownToNobody')}</p>` : html`<ul>${card.shownTo.map((s) => html`<li>${s}</li>`)}</ul>`}
<p><a href="/">${view.t('card.back')}</a></p>`,
    { nav: '/' },
  )
}
