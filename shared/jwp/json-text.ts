// Strict JSON text decoding for JWP headers and JPT payloads: fatal UTF-8, no duplicate member names, bounded depth.
import { EidError } from '../errors/index.ts'
import type { ErrorCode } from '../errors/index.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const MAX_DEPTH = 16

/**
 * Parses UTF-8 JSON octets. Rejects invalid UTF-8, a byte-order mark, syntax errors, duplicate
 * member names in any object (draft-ietf-jose-json-web-proof §4: "SHOULD reject") and nesting
 * deeper than 16. The thrown code is `code`; the message names `what`, never the content.
 */
export function parseJsonOctets(bytes: Uint8Array, code: ErrorCode, what: string): unknown {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new EidError(code, `${what} is not valid UTF-8`)
  }
  if (text.charCodeAt(0) === 0xfeff) throw new EidError(code, `${what} starts with a byte-order mark`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new EidError(code, `${what} is not valid JSON`)
  }
  checkMembers(text, code, what)
  return value
}

interface Frame {
  object: boolean
  keys: Set<string>
  expectKey: boolean
}

// Walks already-valid JSON text, tracking member names per object and the nesting depth.
function checkMembers(text: string, code: ErrorCode, what: string): void {
  const stack: Frame[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    const top = stack[stack.length - 1]
    if (ch === '"') {
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string
        if (top.keys.has(key)) throw new EidError(code, `${what} has a duplicate member name`)
        top.keys.add(key)
        top.expectKey = false
      }
      i = j
    } else if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_DEPTH) throw new EidError(code, `${what} is nested too deeply`)
      stack.push({ object: ch === '{', keys: new Set(), expectKey: ch === '{' })
    } else if (ch === '}' || ch === ']') {
      stack.pop()
    } else if (ch === ',' && top?.object) {
      top.expectKey = true
    }
  }
}
