// The registration desk's HTML: sign-in, the desk (enroll, look up, register a service), an offer with its QR code,
// a person's credentials with their actions. Server-rendered; one small script (/desk/desk.js) checks ID numbers early.
import { PID_CLAIMS_METADATA } from '../../shared/pid/index.ts'
import { DESK_TEXT } from './text.ts'
import type { DeskLang } from './text.ts'

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The claims the register form offers (each a top-level claim path). */
export const DESK_CLAIMS = ['age_over_18', 'age_over_21', 'age_over_65', 'region', 'nationality', 'birth_year', 'sex', 'family_name', 'given_name', 'birthdate', 'national_id']

export function deskLayout(lang: DeskLang, body: string, opts: { path: string; csrf?: string; message?: string; error?: string }): string {
  const w = DESK_TEXT[lang]
  const other: DeskLang = lang === 'en' ? 'zh-CN' : 'en'
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1b1b1b;background:#f3f5f8}
header{display:flex;gap:1rem;justify-content:space-between;align-items:center;padding:.7rem 1rem;background:#0b3d91;color:#fff}
header a,header button{color:#fff;background:none;border:0;font:inherit;text-decoration:underline;cursor:pointer;padding:0}
main{max-width:56rem;margin:0 auto;padding:1rem;display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr))}
section{background:#fff;border-radius:10px;padding:1rem 1.2rem;box-shadow:0 1px 3px #0002}h2{margin-top:0;font-size:1.15rem}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}input[type=text],input[type=password],input[type=url],textarea{width:100%;padding:.55rem;font:inherit;border:1px solid #999;border-radius:6px}
#national_id:invalid:not(:placeholder-shown){border-color:#b00020}.hint{min-height:1.2em;color:#b00020;font-size:.9rem;margin:.2rem 0}
button.primary{margin-top:.8rem;padding:.6rem 1rem;font:inherit;font-weight:600;border:0;border-radius:6px;background:#0b3d91;color:#fff;cursor:pointer}
.msg{grid-column:1/-1;padding:.7rem 1rem;border-radius:8px;background:#e3f6e8}.err{background:#fde8e8;color:#7f1d1d}
.qr{display:block;width:min(100%,300px);margin:.5rem auto}.code{font-size:2rem;letter-spacing:.3rem;font-weight:700;text-align:center}
table{width:100%;border-collapse:collapse;font-size:.9rem}td,th{border-top:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
td form{display:inline}td button{margin:.1rem;font:inherit;font-size:.85rem}pre{white-space:pre-wrap;word-break:break-all;font-size:.75rem;background:#f4f4f4;padding:.5rem}
.claims label{display:inline-block;font-weight:400;margin-right:.8rem}code{word-break:break-all}
</style></head><body>
<header><strong>${esc(w.title)}</strong><span><a href="${esc(opts.path)}?lang=${other}" lang="${other}">${esc(w.switchTo)}</a>${opts.csrf ? ` · <form method="post" action="/desk/logout" style="display:inline"><input type="hidden" name="csrf" value="${esc(opts.csrf)}"><button type="submit">${esc(w.logout)}</button></form>` : ''}</span></header>
<main>${opts.message ? `<p class="msg" role="status">${esc(opts.message)}</p>` : ''}${opts.error ? `<p class="msg err" role="alert" id="error">${esc(opts.error)}</p>` : ''}${body}</main>
<script src="/desk/desk.js"></script></body></html>`
}

export function loginPage(lang: DeskLang, error?: string): string {
  const w = DESK_TEXT[lang]
  return deskLayout(lang, `<section><h2>${esc(w.login)}</h2><form method="post" action="/desk/login">
<label for="token">${esc(w.token)}</label><input type="password" id="token" name="token" autocomplete="current-password" required>
<button class="primary" type="submit">${esc(w.login)}</button></form></section>`, { path: '/desk', ...(error ? { error } : {}) })
}

/** A claim's name for the desk's language, from the PID's published display metadata (the claim key where it has none). */
function claimLabel(claim: string, lang: DeskLang): string {
  const display = PID_CLAIMS_METADATA.find((m) => m.path.length === 1 && m.path[0] === claim)?.display
  return display?.find((d) => d.locale === lang)?.name ?? claim
}

const hidden = (csrf: string): string => `<input type="hidden" name="csrf" value="${esc(csrf)}">`

export function deskPage(lang: DeskLang, csrf: string, provinces: string[], opts: { message?: string; error?: string; values?: Record<string, string> } = {}): string {
  const w = DESK_TEXT[lang]
  const v = (k: string): string => esc(opts.values?.[k] ?? '')
  const claims = DESK_CLAIMS.map((c) => `<label title="${c}"><input type="checkbox" name="claims" value="${c}"${c === 'age_over_18' ? ' checked' : ''}> ${esc(claimLabel(c, lang))}</label>`).join('')
  return deskLayout(lang, `<section><h2>${esc(w.enroll)}</h2>
<form method="post" action="/desk/enroll" id="enroll-form" novalidate>${hidden(csrf)}
<label for="national_id">${esc(w.nationalId)}</label>
<input type="text" id="national_id" name="national_id" value="${v('national_id')}" maxlength="18" autocomplete="off" spellcheck="false" placeholder="119900199003079011"
 data-rules="${esc(JSON.stringify(w.rules))}" data-provinces="${provinces.join(',')}" aria-describedby="national_id_hint" required>
<p class="hint" id="national_id_hint" aria-live="polite"></p>
<label for="family_name">${esc(w.familyName)}</label><input type="text" id="family_name" name="family_name" value="${v('family_name')}" maxlength="64" required>
<label for="given_name">${esc(w.givenName)}</label><input type="text" id="given_name" name="given_name" value="${v('given_name')}" maxlength="64" required>
<button class="primary" type="submit">${esc(w.submitEnroll)}</button></form></section>
<section><h2>${esc(w.lookup)}</h2><form method="get" action="/desk/person">
<label for="person_id">${esc(w.personId)}</label><input type="text" id="person_id" name="id" maxlength="128" required>
<button class="primary" type="submit">${esc(w.show)}</button></form></section>
<section><h2>${esc(w.register)}</h2><form method="post" action="/desk/services">${hidden(csrf)}
<label for="name">${esc(w.name)}</label><input type="text" id="name" name="name" maxlength="128" required>
<label for="purpose">${esc(w.purpose)}</label><input type="text" id="purpose" name="purpose" maxlength="512" required>
<fieldset class="claims"><legend>${esc(w.claims)}</legend>${claims}</fieldset>
<label for="origins">${esc(w.origins)}</label><textarea id="origins" name="origins" rows="2" placeholder="https://shop.example"></textarea>
<label for="callback">${esc(w.callback)}</label><input type="url" id="callback" name="callback" placeholder="https://shop.example/eid-webhook">
<label for="jwk">${esc(w.jwk)}</label><textarea id="jwk" name="jwk" rows="4" required placeholder='{"kty":"EC","crv":"P-256","x":"...","y":"..."}'></textarea>
<button class="primary" type="submit">${esc(w.submitRegister)}</button></form></section>`, { path: '/desk', csrf, ...opts })
}

export function offerPage(lang: DeskLang, csrf: string, o: { personId: string; qrSvg: string; uri: string; txCode: string; expiresIn: number }): string {
  const w = DESK_TEXT[lang]
  const qr = `data:image/svg+xml;base64,${Buffer.from(o.qrSvg).toString('base64')}`
  return deskLayout(lang, `<section><h2>${esc(w.offer)}</h2><p>${esc(w.offerHelp)}</p>
<img class="qr" id="offer-qr" alt="QR" src="${qr}"><details><summary>URI</summary><code id="offer-uri">${esc(o.uri)}</code></details>
<p>${esc(w.txCode)}</p><p class="code" id="tx-code">${esc(o.txCode)}</p><p>${esc(w.expires)}: ${o.expiresIn}</p>
<p>${esc(w.person)}: <a id="person-link" href="/desk/person?id=${encodeURIComponent(o.personId)}">${esc(o.personId)}</a></p>
<p><a href="/desk">${esc(w.title)}</a></p></section>`, { path: '/desk', csrf })
}

export function personPage(lang: DeskLang, csrf: string, p: { personId: string; credentials: { credential_id: string; issued_at: number }[] }, opts: { message?: string; error?: string } = {}): string {
  const w = DESK_TEXT[lang]
  const id = encodeURIComponent(p.personId)
  const actions = (base: string): string =>
    (['suspend', 'reinstate', 'revoke'] as const).map((a) => `<form method="post" action="${base}/${a}">${hidden(csrf)}<button type="submit" data-action="${a}">${esc(w[a])}</button></form>`).join('')
  const rows = p.credentials
    .map((c) => `<tr><td><code>${esc(c.credential_id)}</code></td><td>${new Date(c.issued_at * 1000).toISOString().slice(0, 16).replace('T', ' ')}</td><td>${actions(`/desk/person/${id}/credentials/${encodeURIComponent(c.credential_id)}`)}</td></tr>`)
    .join('')
  return deskLayout(lang, `<section style="grid-column:1/-1"><h2>${esc(w.person)} <code>${esc(p.personId)}</code></h2>
<h3>${esc(w.credentials)} (${p.credentials.length})</h3>
${p.credentials.length ? `<p>${esc(w.all)}: ${actions(`/desk/person/${id}`)}</p><table><tr><th>id</th><th>${esc(w.issued)}</th><th></th></tr>${rows}</table>` : `<p>${esc(w.noCredentials)}</p>`}
<p><a href="/desk">${esc(w.title)}</a></p></section>`, { path: `/desk/person`, csrf, ...opts })
}

export function registeredPage(lang: DeskLang, csrf: string, result: unknown): string {
  const w = DESK_TEXT[lang]
  return deskLayout(lang, `<section style="grid-column:1/-1"><h2>${esc(w.register)}</h2><p>${esc(w.registered)}</p><pre id="registration">${esc(JSON.stringify(result, null, 2))}</pre>
<p><a href="/desk">${esc(w.title)}</a></p></section>`, { path: '/desk', csrf })
}

/** Early feedback on the ID number as it is typed (the server checks again, with the same rules and words). */
export const DESK_JS = `'use strict'
;(() => {
  const input = document.getElementById('national_id')
  if (!input) return
  const rules = JSON.parse(input.dataset.rules)
  const provinces = new Set(input.dataset.provinces.split(','))
  const hint = document.getElementById('national_id_hint')
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const failed = (s) => {
    if (s.length !== 18) return 'length'
    if (!/^\\d{17}[\\dX]$/.test(s)) return 'digits'
    if (!provinces.has(s.slice(0, 2))) return 'region'
    const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14)
    const date = new Date(Date.UTC(y, m - 1, d))
    if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'date'
    if (date.getTime() > Date.now()) return 'future'
    let sum = 0
    for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * W[i]
    if ('10X98765432'[sum % 11] !== s[17]) return 'check_character'
    return ''
  }
  const check = () => {
    const s = input.value.trim().toUpperCase()
    const rule = s === '' ? '' : failed(s)
    input.setCustomValidity(rule ? rules[rule] : '')
    hint.textContent = rule ? rules[rule] : ''
    return rule
  }
  input.addEventListener('input', () => { if (input.value.length >= 18) check(); else hint.textContent = '' })
  input.addEventListener('blur', check)
  document.getElementById('enroll-form').addEventListener('submit', (e) => { if (check()) { e.preventDefault(); input.focus() } })
})()
`
