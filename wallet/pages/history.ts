// The history page: every request sent, declined or refused, with the service, what was asked and sent or why refused.
import type { ClaimsPath, HistoryEntry, IssuerDisplay } from '../core/index.ts'
import type { View } from '../http/view.ts'
import { joinLabels } from '../i18n/claims.ts'
import { formatDateTime } from '../i18n/dates.ts'
import { explainCode } from '../i18n/errors.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { html, page } from './layout.ts'
import type { Raw } from './layout.ts'
import { anyClaimLabel, typeLabels } from './labels.ts'

/** A refusal entry carries its code and the claims asked for (recorded by the wallet core when it refuses a request). */
type Entry = HistoryEntry & { refusal?: { code: string; requested?: ClaimsPath[] } }

const OUTCOMES = new Set(['sent', 'declined', 'refused', 'not_accepted'])

function entryView(view: View, e: Entry, displays: Record<string, IssuerDisplay>): Raw {
  const outcome = OUTCOMES.has(e.outcome) ? e.outcome : 'refused'
  const label = (vct: string, path: HistoryEntry['disclosures'][number]['claims'][number]) => typeLabels(displays, vct, undefined, view.locale).claim(path)
  const sent = e.disclosures.flatMap((d) => d.claims.map((p) => label(d.vct, p)))
  const asked = (e.refusal?.requested ?? []).map((p) => anyClaimLabel(displays, p, view.locale))
  const code = e.refusal?.code
  return html`<li class="entry outcome-${outcome}"><div class="entry-head"><strong class="service">${e.serviceName || view.t('value.unknownService')}</strong>
<span class="badge outcome">${view.t(`outcome.${outcome}` as MessageKey)}</span></div>${e.serviceName ? html`` : html`<p class="muted"><code>${e.clientId}</code></p>`}
<p class="muted"><time datetime="${new Date(e.at * 1000).toISOString()}">${formatDateTime(e.at, view.locale, view.timeZone)}</time></p>
<dl class="facts">${e.purpose ? html`<div><dt>${view.t('history.purpose')}</dt><dd>${e.purpose}</dd></div>` : html``}
${asked.length > 0 ? html`<div><dt>${view.t('history.asked')}</dt><dd>${joinLabels(asked, view.locale)}</dd></div>` : html``}
${outcome === 'refused' && code !== undefined
    ? html`<div><dt>${view.t('history.why')}</dt><dd>${explainCode(code, view.locale)} <span class="muted">(${code})</span></dd></div>`
    : html`<div><dt>${view.t('history.sent')}</dt><dd>${sent.length > 0 ? joinLabels(sent, view.locale) : view.t('history.nothingSent')}</dd></div>`}</dl></li>`
}

/** Newest first; the export link downloads the entries as JSON. */
export function historyPage(view: View, history: HistoryEntry[], displays: Record<string, IssuerDisplay>): string {
  return page(
    view,
    view.t('history.title'),
    html`<p>${view.t('history.intro')}</p><p><a class="button" href="/history.json" download="wallet-history.json">${view.t('history.export')}</a></p>
${history.length === 0 ? html`<p>${view.t('history.empty')}</p>` : html`<ol class="history" id="history" reversed>${[...history].reverse().map((e) => entryView(view, e, displays))}</ol>`}`,
    { nav: '/history' },
  )
}
