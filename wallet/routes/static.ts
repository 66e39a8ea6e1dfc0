// `GET /static/:file`: the page's stylesheet and scripts (CSP allows scripts from this origin only), and jsQR from npm.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Router } from 'express'
import { EidError } from '../../shared/errors/index.ts'

const dir = new URL('../web/static/', import.meta.url)
const types: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' }

/** Reads the files once at start: the set served is fixed, nothing is looked up by a path the request chooses. */
function loadFiles(): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>()
  for (const name of ['wallet.css', 'prefs.js', 'scan.js']) {
    files.set(name, { body: readFileSync(new URL(name, dir)), type: types[name.split('.').pop() ?? ''] ?? 'application/octet-stream' })
  }
  const jsqr = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js')
  files.set('jsqr.js', { body: readFileSync(jsqr), type: types.js as string })
  return files
}

export function staticRoutes(): Router {
  const r = Router()
  const files = loadFiles()
  r.get('/static/:file', (req, res) => {
    const file = files.get(String(req.params.file))
    if (file === undefined) throw new EidError('not_found', 'no such file')
    res.set('Cache-Control', 'no-cache').type(file.type).send(file.body)
  })
  return r
}
