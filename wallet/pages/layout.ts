// HTML building blocks of the wallet's pages: escaping and the page layout (styles and scripts only from /static).
import type { View } from '../http/view.ts'

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A tagged template whose interpolations are escaped unless wrapped in `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => (x instanceof Raw ? x.value : escapeHtml(x))).join('') : v instanceof Raw ? v.value : escapeHtml(v)
    out += part + (strings[i + 1] ?? '')
  })
  return new Raw(out)
}

/** Trusted HTML (already escaped). */
export class Raw {
  constructor(readonly value: string) {}
}

/** The hidden anti-CSRF field of a form. */
export const csrfField = (view: View): Raw => html`<input type="hidden" name="csrf" value="${view.csrf ?? ''}">`

const LANGS = [
  ['zh-CN', '中文'],
  ['en', 'English'],
] as const

function languageSwitch(view: View): Raw {
  return html`<nav class="lang" aria-label="${view.t('lang.switch')}">${LANGS.map(([code, label]) =>
    code === view.locale
      ? html`<span lang="${code}" aria-current="true">${label}</span>`
      : html`<a lang="${code}" hreflang="${code}" href="/lang/${code}?next=${encodeURIComponent(view.returnTo)}">${label}</a>`,
  )}</nav>`
}

function mainNav(view: View, current: string | undefined): Raw {
  if (view.csrf === undefined) return html``
  const link = (href: string, key: 'nav.cards' | 'nav.scan' | 'nav.history') =>
    html`<a href="${href}"${current === href ? new Raw(' aria-current="page"') : new Raw('')}>${view.t(key)}</a>`
  return html`<nav class="tabs" aria-label="${view.t('nav.main')}">${link('/', 'nav.cards')}${link('/scan', 'nav.scan')}${link('/history', 'nav.history')}
<form method="post" action="/lock">${csrfField(view)}<button type="submit" class="link">${view.t('nav.lock')}</button></form></nav>`
}

export interface PageOptions {
  /** The navigation entry to mark as current (`/`, `/scan`, `/history`). */
  nav?: string
  /** Extra scripts from /static (e.g. the QR scanner). */
  scripts?: string[]
}

/** A whole page in the person's language. */
export function page(view: View, title: string, body: Raw, opts: PageOptions = {}): string {
  const scripts = ['/static/prefs.js', ...(opts.scripts ?? [])]
  return html`<!doctype html><html lang="${view.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · ${view.t('app.name')}</title><link rel="stylesheet" href="/static/wallet.css">${view.csrf === undefined ? html`` : html`<link rel="stylesheet" href="/theme.css">`}${scripts.map((s) => html`<script src="${s}" defer></script>`)}</head>
<body><a class="skip" href="#main">${view.t('nav.skip')}</a><header class="top"><a class="brand" href="/">${view.t('app.name')}</a>${languageSwitch(view)}</header>
${mainNav(view, opts.nav)}<main id="main"><h1>${title}</h1>${body}</main></body></html>`.value
}
