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
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : what
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
    case 'unrecognized_keys':
      return `has unknown field(s): ${issue.keys.slice(0, 5).join(', ')}`
    case 'invalid_value':
      return 'has a value that is not allowed'
    case 'invalid_format':
      return `must be a valid ${issue.format}`
    default:
      return 'is invalid'
  }
}
