// The wallet's pages: home (credentials, history, forms), consent, result, error.
import { bbsCredentialClaims, formatPath, pseudonymConsentText } from '../core/index.ts'
import type { ConsentRequest, HistoryEntry, ListedCredential, PresentResult, StoredBbsCredential } from '../core/index.ts'
import { html, page } from './html.ts'
import type { Raw } from './html.ts'

const when = (t: number | undefined): string => (t === undefined ? 'never' : new Date(t * 1000).toISOString().replace('.000Z', 'Z'))

const csrfField = (csrf: string): Raw => html`<input type="hidden" name="csrf" value="${csrf}">`

/** Copies of one batch (the same data; a different copy goes to each service, so services cannot link visits) as one row. */
function credentialRows(creds: ListedCredential[]): Raw {
  if (creds.length === 0) return html`<p>No credentials yet. Accept an offer from the issuer below.</p>`
  const batches = new Map<string, ListedCredential[]>()
  for (const c of creds) batches.set(c.batchId, [...(batches.get(c.batchId) ?? []), c])
  return html`<table id="credentials"><tr><th>Credential</th><th>Claims</th><th>Status</th><th>Shown to</th></tr>${[...batches.values()].map((copies) => {
    const c = copies[0] as ListedCredential
    const statuses = [...new Set(copies.map((x) => (x.expired ? 'expired' : x.status)))]
    const shownTo = [...new Set(copies.flatMap((x) => x.shownTo.map((s) => s.name)))]
    return html`<tr><td>${c.vct}<br><span class="muted">from ${c.issuer}<br>expires ${when(c.expiresAt)}${copies.length > 1 ? html`<br>${copies.length} copies: each service gets its own, so services cannot link your visits` : html``}</span></td>
<td>${claimList(c.claims)}</td>
<td>${statuses.join(', ')}</td><td>${shownTo.length === 0 ? 'nobody yet' : shownTo.join(', ')}</td></tr>`
  })}</table>`
}

const claimList = (claims: Record<string, unknown>): Raw =>
  html`<ul class="claims">${Object.entries(claims)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => html`<li>${k}: <code>${JSON.stringify(v)}</code></li>`)}</ul>`

/** BBS credentials: one fresh unlinkable proof per presentation, short-lived and renewed by the wallet. */
function bbsCredentialRows(creds: StoredBbsCredential[], now: number): Raw {
  if (creds.length === 0) return html``
  return html`<h3>Unlinkable (BBS) credentials</h3><table id="bbs-credentials"><tr><th>Credential</th><th>Claims</th><th>Status</th></tr>${creds.map(
    (c) => html`<tr><td>${c.vct}<br><span class="muted">from ${c.issuer}<br>expires ${when(c.expiresAt)}<br>each presentation is a fresh proof: services cannot link your visits, and each gets its own pseudonym; renewed automatically</span></td>
<td>${claimList(bbsCredentialClaims(c))}</td><td>${c.expiresAt <= now ? 'expired (renewal pending)' : 'valid'}</td></tr>`,
  )}</table>`
}

function historyRows(history: HistoryEntry[]): Raw {
  if (history.length === 0) return html`<p>Nothing disclosed yet.</p>`
  return html`<table id="history"><tr><th>When</th><th>Service</th><th>Outcome</th><th>Disclosed</th></tr>${[...history].reverse().map(
    (e) => html`<tr><td>${when(e.at)}</td><td>${e.serviceName}<br><span class="muted">${e.purpose}<br><code>${e.clientId}</code></span></td>
<td>${e.outcome}</td><td>${e.disclosures.flatMap((d) => d.claims.map(formatPath)).join(', ') || '-'}</td></tr>`,
  )}</table>`
}

/** Home: forms to accept an offer and answer a request, the credentials, the history. */
export function homePage(input: { credentials: ListedCredential[]; bbsCredentials?: StoredBbsCredential[]; now?: number; history: HistoryEntry[]; csrf: string }): string {
  return page(
    'e-ID wallet',
    html`<div class="box"><form method="post" action="/present">${csrfField(input.csrf)}
<label>Answer a service's request (<code>openid4vp://...</code>)<br><input type="text" name="request" required></label>
<p><button type="submit">Review request</button></p></form></div>
<div class="box"><form method="post" action="/offers">${csrfField(input.csrf)}
<label>Accept a credential offer (<code>openid-credential-offer://...</code>)<br><input type="text" name="offer" required></label>
<label>Transaction code<br><input type="text" name="tx_code" autocomplete="off" inputmode="numeric"></label>
<p><button type="submit">Accept offer</button></p></form></div>
<h2>Credentials</h2>${credentialRows(input.credentials)}${bbsCredentialRows(input.bbsCredentials ?? [], input.now ?? Date.now() / 1000)}<h2>History</h2>${historyRows(input.history)}`,
  )
}

/** Consent: who asks, why, whether the registrar allows it to ask, exactly what and from which credential; share or decline. */
export function consentPage(input: { id: string; consent: ConsentRequest; csrf: string }): string {
  const c = input.consent
  return page(
    `${c.serviceName} asks for your data`,
    html`<div class="box"><p><strong>${c.serviceName}</strong> asks for this purpose:</p>
<blockquote>${c.purpose}</blockquote>
<p>It would receive exactly:</p><ul class="claims">${c.credentials.flatMap((cred) =>
      cred.claims.length === 0
        ? [html`<li>proof that you hold a credential of type <code>${cred.vct}</code> (no claims)</li>`]
        : [
            ...cred.claims.map((claim) => html`<li><strong>${formatPath(claim.path)}</strong>: <code>${JSON.stringify(claim.value)}</code></li>`),
            ...(cred.pseudonym ? [html`<li>${pseudonymConsentText(c.serviceName)}</li>`] : []),
          ],
    )}</ul>
<p class="muted">${c.credentials.map((cred) => html`From your credential <code>${cred.vct}</code> issued by ${cred.issuer}. `)}Nothing else of it is sent.</p>
<p class="allowed">&#10003; The registrar allows ${c.serviceName} to ask for: ${c.registeredClaims.map(formatPath).join(', ')}. This request stays within that.</p>
<p class="muted">Service identifier: <code>${c.clientId}</code><br>Answer goes to: <code>${c.responseOrigin}</code></p>
<p>Nothing is sent until you choose.</p>
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

/** What a refusal means for the person, by code (the code and technical message follow it). */
const EXPLAIN: [RegExp, string][] = [
  [/^claim_not_registered$/, 'The service asked for data the registrar does not allow it to ask for. The wallet refused the request and sent nothing.'],
  [/^(x5c_|certificate_)/, 'The service could not prove that it is registered with the registrar this wallet trusts. The wallet refused the request and sent nothing.'],
  [/^registration_/, 'The service\'s registration is missing, expired or not its own. The wallet refused the request and sent nothing.'],
  [/^(request_object_|client_id_mismatch$|authorization_request_invalid$|dcql_query_invalid$)/, 'The request is malformed, expired or not signed by the service it names. The wallet refused it and sent nothing.'],
  [/^no_(matching|unlinkable)_credential$/, 'You hold no credential that can answer this request. Nothing was sent.'],
  [/^(credential_offer_invalid|issuer_metadata_invalid|issuance_failed|issued_credential_invalid)$/, 'The credential offer could not be accepted. Nothing was stored.'],
]

/** A refusal or error: what it means, then its code and message (messages never hold claim values or tokens). */
export function errorPage(code: string, message: string): string {
  const meaning = EXPLAIN.find(([re]) => re.test(code))?.[1]
  return page(
    'Refused',
    meaning
      ? html`<div class="box error"><p>${meaning}</p><p class="muted">Technical detail: <strong>${code}</strong>: ${message}</p></div>`
      : html`<div class="box error"><p><strong>${code}</strong>: ${message}</p></div>`,
  )
}
