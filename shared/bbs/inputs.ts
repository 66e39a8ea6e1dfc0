// Shape checks of the public BBS interface's octet-string inputs (message arrays, header, presentation header).
import { EidError } from '../errors/index.ts'
import { assertBytes } from './octets.ts'

/** At most this many signed messages: bounds generator creation and MSM work an attacker can ask for. */
export const MAX_MESSAGES = 256

/** Checks `messages` is an array of at most MAX_MESSAGES Uint8Arrays. */
export function checkMessages(messages: unknown, what: string): asserts messages is Uint8Array[] {
  if (!Array.isArray(messages)) throw new EidError('bbs_invalid_message_count', `${what} must be an array`)
  if (messages.length > MAX_MESSAGES) throw new EidError('bbs_invalid_message_count', `${what} must be at most ${MAX_MESSAGES}`)
  messages.forEach((m, i) => assertBytes(m, `${what}[${i}]`))
}

/** An optional octet string (header, presentation header), defaulting to empty. */
export function optionalBytes(value: Uint8Array | undefined, what: string): Uint8Array {
  if (value === undefined) return new Uint8Array()
  assertBytes(value, what)
  return value
}
