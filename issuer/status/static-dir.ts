// STATUS_LIST_DIR: every signed Status List Token also written as static files (JWT and CWT) that any web server or CDN
// serves (draft-ietf-oauth-status-list-20 §8.1: the list is a public, cacheable document), each with a sidecar of its HTTP headers.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { STATUS_LIST_CWT_MEDIA_TYPE, STATUS_LIST_JWT_MEDIA_TYPE } from '../../shared/status-list/index.ts'
import type { ServedToken } from './token-cache.ts'

/**
 * `<id>.headers.json` beside the token file `<id>`: what a web server sends with it. `Cache-Control` is
 * `public, max-age=<max(0, min(ttl, iat + ttl - now))>`, the issuer route's own rule, so both copies expire together.
 */
export interface StaticTokenHeaders {
  content_type: string
  etag: string
  iat: number
  ttl: number
  exp: number
}

/**
 * The file names of list `id` in the folder: the JWT (served at `<STATUS_LIST_BASE_URL>/<id>`), the CWT (served there to
 * a request that prefers `application/statuslist+cwt`), and each one's headers sidecar.
 */
export const staticFileNames = (id: string): { token: string; headers: string; cwt: string; cwtHeaders: string } => ({
  token: id,
  headers: `${id}.headers.json`,
  cwt: `${id}.cwt`,
  cwtHeaders: `${id}.cwt.headers.json`,
})

/**
 * Writes tokens into `dir` (created 0755 when absent). Each file is replaced atomically (a temp file in the same
 * folder, then rename), the token before its sidecar; writes of one list are serialised and an older token never
 * replaces a newer one. A failed write is reported to `onError` and retried with the next token.
 */
export function createStaticDirWriter(dir: string, onError: (err: unknown) => void): { write(token: ServedToken): Promise<void>; idle(): Promise<void> } {
  mkdirSync(dir, { recursive: true, mode: 0o755 })
  const chains = new Map<string, Promise<void>>()
  const written = new Map<string, number>()

  async function put(name: string, data: string | Uint8Array): Promise<void> {
    const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await writeFile(tmp, data, { mode: 0o644 })
      await rename(tmp, join(dir, name))
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }

  async function writeNow(token: ServedToken): Promise<void> {
    if ((written.get(token.listId) ?? 0) >= token.seq) return
    const names = staticFileNames(token.listId)
    const times = { iat: token.iat, ttl: token.ttl, exp: token.exp }
    const headers: StaticTokenHeaders = { content_type: STATUS_LIST_JWT_MEDIA_TYPE, etag: token.etag, ...times }
    const cwtHeaders: StaticTokenHeaders = { content_type: STATUS_LIST_CWT_MEDIA_TYPE, etag: token.cwtEtag, ...times }
    await put(names.token, token.jwt)
    await put(names.headers, `${JSON.stringify(headers)}\n`)
    await put(names.cwt, token.cwt)
    await put(names.cwtHeaders, `${JSON.stringify(cwtHeaders)}\n`)
    written.set(token.listId, token.seq)
  }

  return {
    write(token) {
      const p = (chains.get(token.listId) ?? Promise.resolve()).then(() => writeNow(token)).catch(onError)
      chains.set(token.listId, p)
      return p
    },
    async idle() {
      await Promise.all(chains.values())
    },
  }
}
