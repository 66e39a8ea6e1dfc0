// GET /openapi.json (the relying-party API as OpenAPI 3.1, with this verifier as its server) and GET /docs (readable page).
import { readFileSync } from 'node:fs'
import { Router } from 'express'
import { renderApiDocs } from '../api-docs/render.ts'

const DOCUMENT = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as Record<string, unknown>

/** Public, no API key: the document describes the API, it grants nothing. */
export function apiDocsRouter(verifierUrl: string): Router {
  const served = { ...DOCUMENT, servers: [{ url: verifierUrl }] }
  const page = renderApiDocs(served)
  const r = Router()
  r.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(served)
  })
  r.get('/docs', (_req, res) => {
    res
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .set('X-Content-Type-Options', 'nosniff')
      .set('Cache-Control', 'public, max-age=300')
      .type('html')
      .send(page)
  })
  return r
}
