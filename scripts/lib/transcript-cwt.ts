// The transcript's view of a CWT Status List Token (draft-ietf-oauth-status-list-20 §5.2): its COSE headers and CWT
// claims by name, and the list's size, decoded for reading (not verified: the verifier in the transcript does that).
import { Tagged, decode } from 'cborg'
import { CWT_CLAIM, decodeStatusListCbor } from '../../shared/status-list/index.ts'

const CLAIM_NAMES = new Map<unknown, string>(Object.entries(CWT_CLAIM).map(([name, key]) => [key, name]))
const HEADER_NAMES = new Map<unknown, string>([[1, 'alg'], [4, 'kid'], [16, 'typ'], [33, 'x5chain']])

/** A CBOR value as JSON-ish text: byte strings as `h'…'` (long ones elided), maps with their keys named. */
function show(v: unknown, names = new Map<unknown, string>()): unknown {
  if (v instanceof Uint8Array) {
    const hex = Buffer.from(v).toString('hex')
    return hex.length > 48 ? `h'${hex.slice(0, 32)}…' (${v.length} bytes)` : `h'${hex}'`
  }
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [names.get(k) ? `${names.get(k)} (${String(k)})` : String(k), show(x)]))
  return v
}

/** Lines for a CWT given as hex (how the recorder keeps binary bodies), or undefined when it is not a COSE_Sign1. */
export function cwtLines(hex: string): { title: string; lines: string[] } | undefined {
  try {
    const outer = decode(Buffer.from(hex, 'hex'), { useMaps: true, tags: { 18: Tagged.decoder(18) } }) as Tagged
    const [p, u, payload, sig] = outer.value as [Uint8Array, Map<unknown, unknown>, Uint8Array, Uint8Array]
    const protectedHeader = decode(p, { useMaps: true }) as Map<unknown, unknown>
    const claims = decode(payload, { useMaps: true }) as Map<unknown, unknown>
    for (const h of [protectedHeader, u]) {
      const kid = h.get(4)
      if (kid instanceof Uint8Array) h.set(4, `h'…' = "${Buffer.from(kid).toString('utf8')}"`) // the JWKS kid, as UTF-8
    }
    const lines = [
      `COSE_Sign1 (tag ${outer.tag}), ${hex.length / 2} bytes`,
      `protected:   ${JSON.stringify(show(protectedHeader, HEADER_NAMES))}`,
      `unprotected: ${JSON.stringify(show(u, HEADER_NAMES))}`,
      `claims:      ${JSON.stringify(show(claims, CLAIM_NAMES))}`,
      `signature:   ${Buffer.from(sig).toString('hex').slice(0, 16)}…`,
    ]
    const list = claims.get(CWT_CLAIM.status_list) as Map<string, unknown> | undefined
    if (list) {
      const d = decodeStatusListCbor({ bits: list.get('bits'), lst: list.get('lst') })
      let set = 0
      for (let i = 0; i < d.size; i++) if (d.get(i) !== 0) set++
      lines.push(`status list: ${d.size} entries of ${d.bits} bits (DEFLATE, ${(list.get('lst') as Uint8Array).length} bytes, no base64); ${set} not VALID`)
    }
    return { title: `CWT (${String(protectedHeader.get(16))})`, lines }
  } catch {
    return undefined
  }
}
