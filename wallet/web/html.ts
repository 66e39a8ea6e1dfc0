// HTML building blocks of the wallet's web page: escaping and the page layout (no scripts, inline styles only).

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

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}code{font-size:.85em;word-break:break-all}
.box{border:1px solid #bbb;border-radius:.5rem;padding:1rem;margin:1rem 0}.claims li{margin:.2rem 0}
.error{border-color:#b00020;background:#fff4f4}.ok{border-color:#1b7f3b;background:#f3fbf5}
input[type=text]{width:100%;box-sizing:border-box;padding:.4rem}button{padding:.45rem 1rem;margin-right:.5rem}
.muted{color:#555;font-size:.9em}.allowed{color:#1b5e20}`

/** A whole page. */
export function page(title: string, body: Raw): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${new Raw(STYLE)}</style></head><body><h1>${title}</h1>${body}<p class="muted"><a href="/">Wallet home</a></p></body></html>`.value
}
