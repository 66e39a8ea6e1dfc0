// The consent page (who asks, why, what the registrar allows, exactly what leaves, the pseudonym) and its outcome.
import type { AcceptResult, ConsentRequest, IssuerDisplay, PresentResult } from '../core/index.ts'
import type { View } from '../http/view.ts'
import { formatClaimValue, joinLabels } from '../i18n/claims.ts'
import { formatDay } from '../i18n/dates.ts'
import { csrfField, html, page } from './layout.ts'
import { typeLabels } from './labels.ts'

/** Consent: who asks, why, whether the registrar allows it to ask, exactly what and from which credential; share or decline. */
export function consentPage(view: View, input: { id: string; consent: ConsentRequest; displays: Record<string, IssuerDisplay> }): string {
  const c = input.consent
  const labelsOf = (vct: string, issuer?: string) => typeLabels(input.displays, vct, issuer, view.locale)
  const firstVct = c.credentials[0]?.vct ?? ''
  const allowance = joinLabels(c.registeredClaims.map((p) => labelsOf(firstVct).claim(p)), view.locale)
  const pseudonym = c.credentials.some((cred) => cred.pseudonym === true)
  return page(
    view,
    view.t('consent.title', { service: c.serviceName }),
    html`<section class="box" aria-labelledby="who"><h2 id="who">${view.t('consent.who')}</h2>
<p class="service-name">${c.serviceName}</p><p class="muted">${view.t('consent.registered', { service: c.serviceName })}</p>
<h3>${view.t('consent.purpose')}</h3><blockquote>${c.purpose}</blockquote>
<p class="allowed">${view.t('consent.allowance', { service: c.serviceName, claims: allowance })}</p></section>
<section class="box" aria-labelledby="leaves"><h2 id="leaves">${view.t('consent.leaves')}</h2>
${c.credentials.map((cred) => {
  const labels = labelsOf(cred.vct, cred.issuer)
  return html`<ul class="claims" id="consent-claims">${
    cred.claims.length === 0
      ? html`<li>${view.t('consent.proofOnly', { credential: labels.credential })}</li>`
      : cred.claims.map((claim) => html`<li><span class="label">${labels.claim(claim.path)}</span><span class="value">${formatClaimValue(claim.path, claim.value, view.locale)}</span></li>`)
  }${cred.pseudonym ? html`<li class="pseudonym">${view.t('consent.pseudonym', { service: c.serviceName })}</li>` : html``}</ul>
<p class="muted">${view.t('consent.from', { credential: labels.credential, issuer: labels.issuer })}</p>`
})}
${pseudonym ? html`` : html`<p class="muted">${view.t('consent.noPseudonym')}</p>`}
<p>${view.t('consent.nothingYet')}</p>
<form method="post" action="/consent/${input.id}" class="actions">${csrfField(view)}
<button type="submit" name="decision" value="accept" class="primary">${view.t('consent.share')}</button><button type="submit" name="decision" value="decline">${view.t('consent.decline')}</button></form></section>
<details class="technical"><summary>${view.t('consent.technical')}</summary><dl><dt>${view.t('consent.clientId')}</dt><dd><code>${c.clientId}</code></dd>
<dt>${view.t('consent.answerTo')}</dt><dd><code>${c.responseOrigin}</code></dd></dl></details>`,
  )
}

/** After answering: what was sent to whom, or that the service was told no. */
export function resultPage(view: View, r: PresentResult, displays: Record<string, IssuerDisplay>): string {
  if (r.outcome === 'declined') {
    return page(view, view.t('result.declinedTitle'), html`<div class="box ok" role="status"><p>${view.t('result.declined', { service: r.serviceName })}</p></div>`)
  }
  const claims = r.disclosed.flatMap((d) => d.claims.map((p) => typeLabels(displays, d.vct, undefined, view.locale).claim(p)))
  return page(
    view,
    view.t('result.sharedTitle'),
    html`<div class="box ok" role="status"><p>${view.t('result.shared', { service: r.serviceName, claims: claims.length === 0 ? view.t('result.proofOnly') : joinLabels(claims, view.locale) })}</p>
${r.redirectUri ? html`<p><a class="button" href="${r.redirectUri}" rel="noreferrer">${view.t('result.continue')}</a></p>` : html``}</div>`,
  )
}

/** After accepting an offer: what was added. */
export function acceptedPage(view: View, r: AcceptResult, displays: Record<string, IssuerDisplay>, bbsIds: Set<string>): string {
  return page(
    view,
    view.t('accepted.title'),
    html`<div class="box ok" role="status">${r.batches.map((b) => {
      const labels = typeLabels(displays, b.vct, r.issuer, view.locale)
      return bbsIds.has(b.batchId)
        ? html`<p>${view.t('accepted.bbs', { name: labels.credential })}</p>`
        : html`<p>${view.t('accepted.batch', { name: labels.credential, count: b.count, issuer: labels.issuer, date: b.expiresAt === undefined ? view.t('value.never') : formatDay(b.expiresAt, view.locale, view.timeZone) })}</p>`
    })}<p><a class="button primary" href="/">${view.t('accepted.cards')}</a></p></div>`,
  )
}
