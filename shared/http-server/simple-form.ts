// A form body in its simple shape (`name=value&name=value`, plain distinct names), parsed without qs and giving exactly
// what qs gives it with body-parser's options (test/unit/http-simple-form.test.ts checks this against qs itself).

/** A plain parameter name: qs stores it as it is (no brackets, dots or escapes to interpret). */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/**
 * The parameters of `text` when every one is `name=value` with a plain name (not a name `Object.prototype` has, none
 * repeated) and a value without `=` whose percent-escapes decode as UTF-8; otherwise undefined, and the caller asks qs.
 * Values decode as qs decodes them (`+` is a space, then `decodeURIComponent`). Call with at most the parameter limit
 * of parameters (parseFormBody counts them first).
 */
export function parseSimpleForm(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('&', start)
    if (end === -1) end = text.length
    const eq = text.indexOf('=', start)
    if (eq === -1 || eq >= end) return undefined
    const name = text.slice(start, eq)
    if (!PLAIN_NAME.test(name) || name in Object.prototype || Object.hasOwn(out, name)) return undefined
    const value = decodeValue(text.slice(eq + 1, end))
    if (value === undefined) return undefined
    out[name] = value
    start = end + 1
  }
  return out
}

/** qs's decoding of a value, or undefined where its escapes do not decode (qs then keeps the text) or it holds `=`. */
function decodeValue(raw: string): string | undefined {
  if (raw.includes('=')) return undefined
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw
  try {
    return decodeEscapes(spaced)
  } catch {
    return undefined
  }
}

const hexDigit = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1)

/**
 * `decodeURIComponent(s)` (throws URIError where it throws): escapes of ASCII bytes, all a presentation's JSON text
 * holds (quotes, brackets, colons), are copied one by one; any other escape goes to decodeURIComponent for the whole
 * text. V8's decodeURIComponent builds its result a character at a time (13 µs for a 3.5 kB vp_token; this, 0.7 µs).
 */
export function decodeEscapes(s: string): string {
  let at = s.indexOf('%')
  if (at === -1) return s
  let out = ''
  let from = 0
  while (at !== -1) {
    const high = hexDigit(s.charCodeAt(at + 1))
    const low = hexDigit(s.charCodeAt(at + 2))
    if (high < 0 || high > 7 || low < 0) return decodeURIComponent(s)
    out += s.slice(from, at) + String.fromCharCode(high * 16 + low)
    from = at + 3
    at = s.indexOf('%', from)
  }
  return out + s.slice(from)
}
