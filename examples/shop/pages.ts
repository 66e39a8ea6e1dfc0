// The shop's HTML: the product page behind the age gate and the check page (QR code, "open my wallet", the outcome).
import { TEXT } from './text.ts'
import type { Lang, Words } from './text.ts'

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function layout(lang: Lang, w: Words, body: string, here: string): string {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en'
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;background:#faf7f2}
header{display:flex;justify-content:space-between;align-items:center;padding:.8rem 1rem;background:#5b1a2b;color:#fff}
header a{color:#fff}main{max-width:32rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.3}
.card{background:#fff;border-radius:12px;padding:1rem 1.2rem;box-shadow:0 1px 4px #0002;margin:1rem 0}
button,.button{display:block;width:100%;padding:.9rem;font:inherit;font-weight:600;text-align:center;border:0;border-radius:10px;background:#5b1a2b;color:#fff;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:#5b1a2b;border:2px solid #5b1a2b}
.qr{display:block;width:min(100%,280px);margin:0 auto;image-rendering:pixelated}
#status{font-weight:600;padding:.8rem;border-radius:10px;background:#eef}#status.verified{background:#e3f6e8;color:#14532d}
#status.declined,#status.expired{background:#fff4d6;color:#6b4f00}#status.refused,#status.underage{background:#fde8e8;color:#7f1d1d}
.done .waiting-only{display:none}code{word-break:break-all;font-size:.8em}summary{cursor:pointer;color:#5b1a2b;margin:.5rem 0}small{color:#666}
</style></head><body>
<header><strong>${esc(w.title)}</strong><a href="${esc(here)}?lang=${other}" hreflang="${other}" lang="${other}">${esc(w.switchTo)}</a></header>
<main>${body}</main></body></html>`
}

/** The product, behind the age gate. */
export function productPage(lang: Lang): string {
  const w = TEXT[lang]
  return layout(lang, w, `<div class="card"><h1>${esc(w.product)}</h1><p>${esc(w.gate)}</p><p>${esc(w.how)}</p>
<form method="post" action="/checks"><input type="hidden" name="lang" value="${lang}"><button type="submit" id="start">${esc(w.start)}</button></form></div>`, '/')
}

/**
 * A running check: the cross-device QR code, the same-device button, and the outcome filled in by /shop.js from
 * the shop's own server-sent events (the page never talks to the verifier).
 */
export function checkPage(lang: Lang, sid: string, qrSvg: string, request: string): string {
  const w = TEXT[lang]
  const words = { verified: w.verified, declined: w.declined, refused: w.refused, expired: w.expired, underage: w.underage }
  const qr = `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`
  return layout(lang, w, `<div class="card" id="check" data-sid="${esc(sid)}" data-words="${esc(JSON.stringify(words))}">
<h1>${esc(w.product)}</h1>
<p id="status" role="status" aria-live="polite">${esc(w.waiting)}</p>
<div class="waiting-only"><p>${esc(w.scan)}</p><img class="qr" id="qr" alt="QR" src="${qr}">
<details><summary>${esc(w.cannotScan)}</summary><p><code id="request-link">${esc(request)}</code></p></details>
<p>${esc(w.sameDevice)}</p><a class="button" id="open-wallet" href="/checks/${esc(sid)}/open">${esc(w.open)}</a></div>
<p><a class="button secondary" href="/">${esc(w.again)}</a></p></div>
<script src="/shop.js"></script>`, `/checks/${sid}`)
}

/** The check page's script: picks up a same-device response_code from the fragment, then waits for the outcome. */
export const SHOP_JS = `'use strict'
;(async () => {
  const card = document.getElementById('check')
  const sid = card.dataset.sid
  const words = JSON.parse(card.dataset.words)
  const m = /(?:^#|&)response_code=([^&]+)/.exec(location.hash)
  if (m) {
    // back from the wallet on this device: hand the response_code to our backend, which needs it to read the result
    await fetch('/api/checks/' + sid + '/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_code: decodeURIComponent(m[1]) }) })
    history.replaceState(null, '', location.pathname + location.search)
  }
  const events = new EventSource('/api/checks/' + sid + '/events')
  events.addEventListener('result', (e) => {
    const { outcome } = JSON.parse(e.data)
    const status = document.getElementById('status')
    status.textContent = words[outcome] || words.refused
    status.className = outcome
    card.classList.add('done')
    events.close()
  })
})()
`
