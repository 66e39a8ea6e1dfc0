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
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}
