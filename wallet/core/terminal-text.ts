// Text from outside (issuers, services, their error descriptions) made safe for a terminal: control, escape and
// bidi-override characters shown as visible escapes, long strings cut (issue 14, "Terminal safety").

/** Longest outside string printed whole, in code points; longer ones are cut and end in `…`. */
export const TERMINAL_TEXT_MAX = 200

// C0 controls (ESC, CR, LF, BEL, BS, TAB …), DEL, C1 controls (CSI U+009B …), the bidi embeddings/overrides/isolates
// and marks, line/paragraph separators, zero-width characters and BOM: anything that moves the cursor, starts an escape
// sequence, reorders or hides text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff]/gu

// What JSON.stringify leaves unescaped inside strings (it escapes C0 controls; its own layout uses only LF and spaces).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/gu

function visible(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`
}

/**
 * `text` for a terminal: every unsafe character replaced by its escape (`\x1b`, `\u202e`; a backslash as `\\`, so
 * an escape shown cannot be forged), cut to `max` code points with `…`. Lone surrogates are escaped too.
 */
export function terminalSafe(text: unknown, max = TERMINAL_TEXT_MAX): string {
  return cut(typeof text === 'string' ? text : String(text), max).replace(/\\/g, '\\\\').replace(UNSAFE, visible)
}

function cut(s: string, max: number): string {
  const cps = [...s]
  return cps.length > max ? `${cps.slice(0, max).join('')}…` : s
}

/** A claim value for a terminal: JSON (strings in quotes, controls as `\\u001b`), other unsafe characters escaped, cut. */
export function terminalValue(value: unknown, max = TERMINAL_TEXT_MAX): string {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    json = undefined
  }
  // JSON already shows C0 controls and backslashes as escapes; bidi and other invisible characters it leaves.
  return json === undefined ? terminalSafe(String(value), max) : cut(json, max).replace(UNSAFE_IN_JSON, visible)
}

/** `JSON.stringify(value, null, 2)` with every unsafe character as a JSON `\uXXXX` escape: still JSON, safe to print. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
}
