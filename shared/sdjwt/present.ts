// Presentation (RFC 9901 §4, §4.3): the chosen disclosures, then an optional Key Binding JWT over them.
import { decodeSdJwt } from './decode.ts'
import { createKbJwt } from './key-binding.ts'
import type { KeyBindingInput } from './key-binding.ts'
import { selectDisclosures } from './select.ts'
import type { ClaimsPath } from './types.ts'

/**
 * Builds a presentation of `sdJwt` revealing the claims at `paths` (DCQL claims paths; parents and
 * contents come automatically) or `'all'`, with a KB-JWT when `kb` is given. Any KB-JWT on the
 * input is dropped.
 */
export async function presentSdJwt(sdJwt: string, paths: ClaimsPath[] | 'all', kb?: KeyBindingInput): Promise<string> {
  const decoded = decodeSdJwt(sdJwt)
  const chosen = paths === 'all' ? decoded.disclosures : selectDisclosures(decoded.disclosures, paths)
  const presented = `${[decoded.jwt, ...chosen.map((d) => d.raw)].join('~')}~`
  return kb === undefined ? presented : presented + createKbJwt(presented, kb)
}
