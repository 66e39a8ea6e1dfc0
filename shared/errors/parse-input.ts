// Schema validation of untrusted input with zod: failures become EidErrors naming the field, never the value.
import type { z } from 'zod'
import type { ErrorCode } from './codes.ts'
import { EidError } from './eid-error.ts'

/**
 * Parses `input` with `schema`. On failure throws EidError(`code`, default `invalid_request`) whose
 * message names the offending path and the expectation, never the received value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: ErrorCode = 'invalid_request', what = 'request'): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue && issue.path.length > 0 ? issue.path.map(nameOf).join('.') : what
  const reason = issue ? describeIssue(issue) : 'is invalid'
  throw new EidError(code, `${path} ${reason}`)
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected}`
    case 'too_big':
      return `is too large (max ${String(issue.maximum)})`
    case 'too_small':
      return `is too small (min ${String(issue.minimum)})`
    case 'unrecognized_keys': {
      const named = issue.keys.filter(isFieldName).slice(0, 5)
      return named.length > 0 ? `has unknown field(s): ${named.join(', ')}` : 'has unknown field(s)'
    }
    case 'invalid_value':
      return 'has a value that is not allowed'
    case 'invalid_format':
      return `must be a valid ${issue.format}`
    default:
      return 'is invalid'
  }
}

/**
 * Keys come from the sender and may be anything, an ID number or a name included: only short
 * identifier-like keys (a letter first) are quoted; any other key is shown as `<key>`.
 */
function isFieldName(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/.test(key)
}

function nameOf(segment: PropertyKey): string {
  if (typeof segment === 'number') return String(segment)
  return typeof segment === 'string' && isFieldName(segment) ? segment : '<key>'
}
