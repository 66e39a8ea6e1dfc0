// OpenID4VP 1.0 vectors: the spec's DCQL query examples through parseDcqlQuery, and the claims-path-pointer cases through selectClaimValues.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDcqlQuery, selectClaimValues } from '../../shared/oid4vp/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'

const dir = new URL('../../../shared/vectors/openid4vp/1.0/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/openid4vp absent: OpenID4VP vector tests skipped')

interface PointerCase { path: ClaimsPath; expected_selected: unknown[] }
const pointer = present
  ? (JSON.parse(readFileSync(new URL('claims_path_pointer_cases.json', dir), 'utf8')) as { credential: unknown; cases: PointerCase[] })
  : { credential: {}, cases: [] }
const queryDir = new URL('examples/query_lang/', dir)
const queries = present
  ? readdirSync(queryDir).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, query: JSON.parse(readFileSync(new URL(f, queryDir), 'utf8')) as { credentials: { format: string }[] } }))
  : []

describe.skipIf(!present)('OpenID4VP 1.0 claims path pointer cases', () => {
  it('finds the cases', () => expect(pointer.cases.length).toBeGreaterThan(0))
  it.each(pointer.cases.map((c) => ({ ...c, name: JSON.stringify(c.path) })))('$name', (c) => {
    expect(selectClaimValues(pointer.credential, c.path)).toEqual(c.expected_selected)
  })
  afterAll(() => console.log(`openid4vp claims path pointer vectors: ${pointer.cases.length} checked`))
})

describe.skipIf(!present)('OpenID4VP 1.0 DCQL query examples', () => {
  it('finds the queries', () => expect(queries.length).toBeGreaterThan(0))
  it.each(queries)('$name: SD-JWT VC queries parse, others are refused with dcql_query_invalid', ({ query }) => {
    if (query.credentials.every((c) => c.format === 'dc+sd-jwt')) expect(parseDcqlQuery(query).credentials.length).toBe(query.credentials.length)
    else expect(() => parseDcqlQuery(query)).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })
  afterAll(() => console.log(`openid4vp DCQL query vectors: ${queries.length} checked`))
})
