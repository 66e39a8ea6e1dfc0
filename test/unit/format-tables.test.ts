// The credential-format tables of verifier and wallet: one row per format, one format per query, and the generic
// shared/oid4vp parser knowing no credential profile of its own.
import { describe, expect, it } from 'vitest'
import { parseDcqlQuery, presetQuery } from '../../shared/oid4vp/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { pseudonymousAgePresetQuery } from '../../shared/pid-bbs/index.ts'
import { PRESETS, VP_FORMATS_SUPPORTED, formatOfQuery, parseQuery } from '../../verifier/formats/index.ts'
import { WALLET_DCQL_FORMATS, walletFormatOfQuery } from '../../wallet/core/formats/index.ts'

const sdJwt = presetQuery('age_over_18', PID_VCT)
const jpt = pseudonymousAgePresetQuery(PID_VCT)
const mixed = { credentials: [sdJwt.credentials[0], { ...jpt.credentials[0], id: 'bbs' }] }
const mdoc = { credentials: [{ id: 'm', format: 'mso_mdoc', meta: { doctype_value: 'x' } }] }

describe('format tables', () => {
  it('dispatch SD-JWT VC and JWP/BBS queries to their rows on both sides', () => {
    expect(formatOfQuery(sdJwt).format).toBe('dc+sd-jwt')
    expect(formatOfQuery(jpt).format).toBe('dc+jpt')
    expect(walletFormatOfQuery(sdJwt).format).toBe('dc+sd-jwt')
    expect(walletFormatOfQuery(jpt).format).toBe('dc+jpt')
    expect(Object.keys(VP_FORMATS_SUPPORTED).sort()).toEqual(['dc+jpt', 'dc+sd-jwt'])
    expect(Object.keys(PRESETS)).toContain('age_over_18_pseudonymous')
    expect(parseQuery(jpt).credentials[0]?.format).toBe('dc+jpt')
  })

  it('dcql_query_invalid: a mix of formats or a format not in the table, on both sides', () => {
    for (const q of [mixed, mdoc]) {
      expect(() => formatOfQuery(q)).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
      expect(() => walletFormatOfQuery(q)).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
    }
  })

  it('the generic DCQL parser parses dc+jpt only with the caller-supplied row', () => {
    expect(() => parseDcqlQuery(jpt)).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
    expect(parseDcqlQuery(jpt, WALLET_DCQL_FORMATS).credentials[0]?.id).toBe('pid')
  })
})
