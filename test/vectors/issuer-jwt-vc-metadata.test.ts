// Vectors (draft-ietf-oauth-sd-jwt-vc §5): the issuer serves JWT VC Issuer Metadata at the well-known URL the draft's
// example requests name (with and without a path), in the shape of the draft's example body.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { startIssuer } from '../e2e/issuer-harness.ts'

const dir = new URL('../../../shared/vectors/sd-jwt-vc/inline/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/sd-jwt-vc absent: issuer metadata vector tests skipped')

interface RequestCase {
  file: string
  path: string
  host: string
}

function requestCases(): RequestCase[] {
  return ['GET.txt', 'GET1234.txt']
    .filter((f) => existsSync(new URL(f, dir)))
    .map((file) => {
      const text = readFileSync(new URL(file, dir), 'utf8')
      const path = /^GET (\S+) HTTP/m.exec(text)?.[1] ?? ''
      const host = /^Host: (\S+)/m.exec(text)?.[1] ?? ''
      return { file, path, host }
    })
}

const cases = present ? requestCases() : []
let checked = 0

describe.skipIf(!present)('JWT VC Issuer Metadata vectors', () => {
  afterAll(() => console.log(`issuer jwt-vc-issuer vectors: ${checked} checked`))

  it('finds the cases', () => expect(cases.length).toBeGreaterThan(0))

  it.each(cases)('$file: served at the well-known URL of its issuer identifier', async (c) => {
    // The example's issuer identifier is https://<host><the path after /.well-known/jwt-vc-issuer> (§5.1 path insertion).
    const issuerPath = c.path.replace(/^\/\.well-known\/jwt-vc-issuer/, '')
    const run = await startIssuer({ issuerPath })
    try {
      const res = await fetch(`${new URL(run.url).origin}${c.path}`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { issuer: string }).issuer).toBe(run.url)
      checked++
    } finally {
      await run.close()
    }
  })

  it('has the shape of the example body: issuer plus jwks of public EC keys with kid', async () => {
    const example = JSON.parse(readFileSync(new URL('example-metadata-jwks.body.json', dir), 'utf8')) as { issuer: string; jwks: { keys: Record<string, unknown>[] } }
    const run = await startIssuer()
    try {
      const ours = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { issuer: string; jwks: { keys: Record<string, unknown>[] } }
      expect(Object.keys(ours).sort()).toEqual(Object.keys(example).sort())
      expect(ours.issuer).toBe(run.url)
      // the JWS keys; the BBS key beside them is an OKP BLS12381G2 JWK (docs/protocol/bbs-flow.md)
      for (const key of ours.jwks.keys.filter((k) => k.kty === 'EC')) {
        for (const member of Object.keys(example.jwks.keys[0] ?? {})) expect(key).toHaveProperty(member)
        expect(key).not.toHaveProperty('d')
      }
      checked++
    } finally {
      await run.close()
    }
  })
})
