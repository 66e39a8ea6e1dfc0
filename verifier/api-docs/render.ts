// A readable HTML page of the verifier's OpenAPI 3.1 document (GET /docs): operations, parameters, bodies, answers, webhooks.
// Rendered on the server from verifier/openapi.json, no script, nothing loaded from elsewhere.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const obj = (v: Json | undefined): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {})
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '')
const METHODS = ['get', 'post', 'put', 'patch', 'delete']

/** `#/components/schemas/X` -> an in-page link to X. */
function schemaRef(schema: Obj): string {
  const ref = str(schema.$ref)
  if (ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length)
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`
  }
  return `<code>${esc(str(schema.type) || 'object')}</code>`
}

function body(content: Json | undefined): string {
  return Object.entries(obj(content))
    .map(([type, media]) => {
      const m = obj(media)
      const examples = Object.values(obj(m.examples)).map((e) => `<pre>${esc(JSON.stringify(obj(e).value ?? null, null, 2))}</pre>`)
      if (m.example !== undefined) examples.push(`<pre>${esc(JSON.stringify(m.example, null, 2))}</pre>`)
      return `<p><code>${esc(type)}</code>: ${schemaRef(obj(m.schema))}</p>${examples.join('')}`
    })
    .join('')
}

function operation(path: string, method: string, op: Obj): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-')
  const params = Array.isArray(op.parameters) ? op.parameters.map(obj) : []
  const auth = Array.isArray(op.security) && op.security.length > 0 ? '<p class="auth">Needs <code>Authorization: Bearer &lt;VERIFIER_API_KEY&gt;</code></p>' : ''
  const rows = params.map((p) => `<tr><td><code>${esc(str(p.name))}</code></td><td>${esc(str(p.in))}</td><td>${p.required === true ? 'required' : 'optional'}</td><td>${esc(str(p.description))}</td></tr>`)
  const responses = Object.entries(obj(op.responses)).map(([code, r]) => `<tr><td><b>${esc(code)}</b></td><td>${esc(str(obj(r).description))}${body(obj(r).content)}</td></tr>`)
  return `<section class="op" id="${esc(id)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(str(op.summary))}</p>${op.description ? `<p>${esc(str(op.description))}</p>` : ''}${auth}
${rows.length ? `<h4>Parameters</h4><table>${rows.join('')}</table>` : ''}
${op.requestBody ? `<h4>Request body</h4>${body(obj(op.requestBody).content)}` : ''}
<h4>Answers</h4><table>${responses.join('')}</table></section>`
}

/** The HTML page for an OpenAPI 3.1 document (`doc` as parsed JSON). */
export function renderApiDocs(doc: unknown): string {
  const d = obj(doc as Json)
  const info = obj(d.info)
  const ops = Object.entries(obj(d.paths)).flatMap(([path, item]) =>
    METHODS.filter((m) => obj(item)[m] !== undefined).map((m) => ({ path, method: m, op: obj(obj(item)[m]) })),
  )
  const hooks = Object.entries(obj(d.webhooks)).flatMap(([name, item]) =>
    METHODS.filter((m) => obj(item)[m] !== undefined).map((m) => operation(`webhook ${name}`, m, obj(obj(item)[m]))),
  )
  const schemas = Object.entries(obj(obj(d.components).schemas)).map(
    ([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${obj(s).description ? `<p>${esc(str(obj(s).description))}</p>` : ''}<pre>${esc(JSON.stringify(s, null, 2))}</pre></section>`,
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(str(info.title))}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f4f4f4;padding:.6rem;overflow:auto;border-radius:4px}
table{border-collapse:collapse;width:100%}td,code,h3,p{overflow-wrap:anywhere}td{border-top:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
.op{border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0}.m{color:#fff;padding:0 .4rem;border-radius:3px;font-size:.85em}
.get{background:#1f6feb}.post{background:#1a7f37}.auth{color:#6b4f00}nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
</style></head><body>
<h1>${esc(str(info.title))}</h1>
<p>Version ${esc(str(info.version))}. ${esc(str(info.description))}</p>
<nav><a href="/openapi.json">openapi.json</a><a href="#operations">Operations</a>${hooks.length ? '<a href="#webhooks">Webhooks</a>' : ''}<a href="#schemas">Schemas</a></nav>
<h2 id="operations">Operations</h2>
${ops.map((o) => operation(o.path, o.method, o.op)).join('\n')}
${hooks.length ? `<h2 id="webhooks">Webhooks</h2>${hooks.join('\n')}` : ''}
<h2 id="schemas">Schemas</h2>
${schemas.join('\n')}
</body></html>`
}
