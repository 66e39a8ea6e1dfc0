// The wallet's pages: home (credentials, history, forms), consent, result, error.
import { formatPath, pseudonymConsentText } from '../core/index.ts'
import type { ConsentRequest, HistoryEntry, ListedCredential, PresentResult } from '../core/index.ts'
import { html, page } from './html.ts'
import type { Raw } from './html.ts'

const when = (t: number | undefined): string => (t === undefined ? 'never' : new Date(t * 1000).toISOString().replace('.000Z', 'Z'))

const csrfField = (csrf: string): Raw => html`<input type="hidden" name="csrf" value="${csrf}">`

function credentialRows(creds: ListedCredential[]): Raw {
  if (creds.length === 0) return html`<p>No credentials yet. Accept an offer from the issuer below.</p>`
  return html`<table><tr><th>Credential</th><th>Claims</th><th>Status</th><th>Shown to</th></tr>${creds.map(
    (c) => html`<tr><td>${c.vct}<br><span class="muted">${c.issuer}<br>expires ${when(c.expiresAt)}</span></td>
<td><ul class="claims">${Object.entries(c.claims).map(([k, v]) => html`<li>${k}: <code>${JSON.stringify(v)}</code></li>`)}</ul></td>
<td>${c.expired ? 'expired' : c.status}</td><td>${c.shownTo.length === 0 ? 'nobody yet' : c.shownTo.map((s) => s.name).join(', ')}</td></tr>`,
  )}</table>`
}

function historyRows(history: HistoryEntry[]): Raw {
  if (history.length === 0) return html`<p>Nothing disclosed yet.</p>`
  return html`<table><tr><th>When</th><th>Service</th><th>Outcome</th><th>Disclosed</th></tr>${[...history].reverse().map(
    (e) => html`<tr><td>${when(e.at)}</td><td>${e.serviceName}<br><span class="muted">${e.purpose}<br><code>${e.clientId}</code></span></td>
<td>${e.outcome}</td><td>${e.disclosures.flatMap((d) => d.claims.map(formatPath)).join(', ') || '-'}</td></tr>`,
  )}</table>`
}

/** Home: forms to accept an offer and answer a request, the credentials, the history. */
export function homePage(input: { credentials: ListedCredential[]; history: HistoryEntry[]; csrf: string }): string {
  return page(
    'e-ID wallet',
    html`<div class="box"><form method="post" action="/present">${csrfField(input.csrf)}
<label>Answer a service's request (<code>openid4vp://...</code>)<br><input type="text" name="request" required></label>
<p><button type="submit">Review request</button></p></form></div>
<div class="box"><form method="post" action="/offers">${csrfField(input.csrf)}
<label>Accept a credential offer (<code>openid-credential-offer://...</code>)<br><input type="text" name="offer" required></label>
<label>Transaction code<br><input type="text" name="tx_code" autocomplete="off" inputmode="numeric"></label>
<p><button type="submit">Accept offer</button></p></form></div>
<h2>Credentials</h2>${credentialRows(input.credentials)}<h2>History</h2>${historyRows(input.history)}`,
  )
}

/** Consent: who asks, why, exactly what; accept or decline. */
export function consentPage(input: { id: string; consent: ConsentRequest; csrf: string }): string {
  const c = input.consent
  return page(
    `${c.serviceName} asks for your data`,
    html`<div class="box"><p><strong>${c.serviceName}</strong> (registered with the registrar) asks for this purpose:</p>
<blockquote>${c.purpose}</blockquote>
<p>It would receive exactly:</p><ul class="claims">${c.credentials.flatMap((cred) =>
      cred.claims.length === 0
        ? [html`<li>proof that you hold a credential of type <code>${cred.vct}</code> (no claims)</li>`]
        : [
            ...cred.claims.map((claim) => html`<li><strong>${formatPath(claim.path)}</strong>: <code>${JSON.stringify(claim.value)}</code></li>`),
            ...(cred.pseudonym ? [html`<li>${pseudonymConsentText(c.serviceName)}</li>`] : []),
          ],
    )}</ul>
<p class="muted">Service identifier: <code>${c.clientId}</code><br>Answer goes to: <code>${c.responseOrigin}</code><br>
It is registered to ask for at most: ${c.registeredClaims.map(formatPath).join(', ')}</p>
<form method="post" action="/consent/${input.id}">${csrfField(input.csrf)}
<button type="submit" name="decision" value="accept">Share</button><button type="submit" name="decision" value="decline">Decline</button></form></div>`,
  )
}

/** After answering. */
export function resultPage(r: PresentResult): string {
  if (r.outcome === 'declined') return page('Declined', html`<div class="box ok"><p>${r.serviceName} was told you declined. Nothing was disclosed.</p></div>`)
  const claims = r.disclosed.flatMap((d) => d.claims.map(formatPath))
  return page(
    'Shared',
    html`<div class="box ok"><p>Sent to ${r.serviceName}: ${claims.length === 0 ? 'proof of possession only' : claims.join(', ')}.</p>
${r.redirectUri ? html`<p><a href="${r.redirectUri}" rel="noreferrer">Continue at the service</a></p>` : html``}</div>`,
  )
}

/** Accepted an offer. */
export function acceptedPage(r: { issuer: string; batches: { vct: string; count: number; expiresAt: number | undefined }[] }): string {
  return page('Credential accepted', html`<div class="box ok">${r.batches.map((b) => html`<p>${b.count} credential(s) of type <code>${b.vct}</code> from ${r.issuer}, valid until ${when(b.expiresAt)}.</p>`)}</div>`)
}

/** A refusal or error: its code and message (messages never hold claim values or tokens). */
export function errorPage(code: string, message: string): string {
  return page('Refused', html`<div class="box error"><p><strong>${code}</strong>: ${message}</p></div>`)
}
