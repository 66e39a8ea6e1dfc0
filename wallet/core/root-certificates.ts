// Root certificates the wallet is configured with (registrar roots, issuer roots): PEM (one or more) or base64 DER,
// given inline or in a local file.
import { readFile, stat } from 'node:fs/promises'
import { EidError } from '../../shared/errors/index.ts'
import { parseCertificate } from '../../shared/x509/index.ts'

/** At most this many certificates per configured source. */
const MAX_CERTIFICATES = 8

/** Extracts base64 DER certificates from PEM text, or accepts a bare base64 DER certificate; `what` names them in errors. */
export function parseCertificates(text: string, what: string): string[] {
  const pem = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ''))
  const certs = pem.length > 0 ? pem : [text.trim()]
  if (certs.length > MAX_CERTIFICATES) throw new EidError('input_too_large', `more than ${MAX_CERTIFICATES} ${what}s`)
  for (const [i, c] of certs.entries()) parseCertificate(c, `${what} ${i + 1}`)
  return certs
}

/** Certificates read from a file, by path, with the file's identity when read (a changed file is read again). */
const fileCache = new Map<string, { ino: number; size: number; mtimeMs: number; certs: string[] }>()
/** At most this many files remembered (a wallet has a registrar root and a few issuer roots). */
const MAX_CACHED_FILES = 32

/**
 * Inline PEM (`-----BEGIN CERTIFICATE-----…`) or the path of a local file holding PEM or base64 DER. A file is read and
 * parsed once and again only when its inode, size or modification time changed (every presentation asks for the roots).
 */
export async function readCertificates(source: string, what: string): Promise<string[]> {
  if (source.trimStart().startsWith('-----BEGIN')) return parseCertificates(source, what)
  let text: string
  let id: { ino: number; size: number; mtimeMs: number }
  try {
    const s = await stat(source)
    id = { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs }
    const cached = fileCache.get(source)
    if (cached !== undefined && cached.ino === id.ino && cached.size === id.size && cached.mtimeMs === id.mtimeMs) return [...cached.certs]
    text = await readFile(source, 'utf8')
  } catch (cause) {
    throw new EidError('invalid_request', `${what} file could not be read`, { cause })
  }
  const certs = parseCertificates(text, what)
  fileCache.delete(source)
  if (fileCache.size >= MAX_CACHED_FILES) fileCache.delete(fileCache.keys().next().value as string)
  fileCache.set(source, { ...id, certs })
  return [...certs]
}
