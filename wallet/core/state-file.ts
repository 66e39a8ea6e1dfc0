// Encrypted wallet state file: AES-256-GCM, key from the passphrase via scrypt (RFC 7914), atomic writes.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { EidError } from '../../shared/errors/index.ts'

/** Format name written into every state file header. */
export const STATE_FILE_FORMAT = 'eid-wallet-state/1'

/**
 * scrypt cost: N = 2^17, r = 8, p = 1 (128 MiB), OWASP Password Storage Cheat Sheet's minimum for scrypt. Files
 * written with less (N = 2^15 before) are re-encrypted with these on the next unlock (`kdfBelow`).
 */
export const DEFAULT_KDF = { N: 131_072, r: 8, p: 1 } as const

/** Shortest passphrase accepted for a new wallet, in characters. */
export const MIN_PASSPHRASE_LENGTH = 8

/** Whether `passphrase` is too short for a new wallet (counted in code points after NFC, as the key derivation sees it). */
export const passphraseTooShort = (passphrase: string): boolean => [...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH

export interface KdfParams {
  N: number
  r: number
  p: number
}

const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/).max(20_000_000)

const HeaderSchema = z.strictObject({
  format: z.literal(STATE_FILE_FORMAT),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.number().int().min(1024).max(1_048_576),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64u.max(64),
  }),
  cipher: z.literal('A256GCM'),
})
const FileSchema = HeaderSchema.extend({ iv: b64u.max(32), ciphertext: b64u, tag: b64u.max(32) })

type Header = z.infer<typeof HeaderSchema>

/** An unlocked state file: the derived key and header, kept in memory for later writes. */
export interface StateFileKey {
  header: Header
  key: Buffer
}

function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** The header's canonical bytes, bound to the ciphertext as GCM additional data. */
function aad(header: Header): Buffer {
  return Buffer.from(JSON.stringify([header.format, header.kdf.name, header.kdf.N, header.kdf.r, header.kdf.p, header.kdf.salt, header.cipher]))
}

/** True when `have` costs less than `want` in any parameter (then the file is re-encrypted with `want`). */
export function kdfBelow(have: KdfParams, want: KdfParams): boolean {
  return have.N < want.N || have.r < want.r || have.p < want.p
}

/**
 * Creates the key of a new state file: a fresh random 16-byte salt. A new wallet's passphrase must have at least
 * `MIN_PASSPHRASE_LENGTH` characters (`wallet_passphrase_weak`); `rekey` (an existing wallet's upgrade) skips that.
 */
export async function createStateKey(passphrase: string, kdf: KdfParams = DEFAULT_KDF, opts: { rekey?: boolean } = {}): Promise<StateFileKey> {
  checkPassphrase(passphrase)
  if (!opts.rekey && passphraseTooShort(passphrase)) {
    throw new EidError('wallet_passphrase_weak', `a new wallet's passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`)
  }
  const salt = randomBytes(16)
  const header: Header = { format: STATE_FILE_FORMAT, kdf: { name: 'scrypt', ...kdf, salt: salt.toString('base64url') }, cipher: 'A256GCM' }
  return { header, key: await deriveKey(passphrase, salt, kdf) }
}

/**
 * Reads and decrypts the state file at `file`. Returns undefined when it does not exist.
 * Throws `wallet_passphrase_wrong` when authentication fails, `wallet_file_corrupt` when the file
 * is not a state file.
 */
export async function readStateFile(file: string, passphrase: string): Promise<{ key: StateFileKey; plaintext: string } | undefined> {
  checkPassphrase(passphrase)
  const parsed = await readEnvelope(file)
  if (parsed === undefined) return undefined
  const header: Header = { format: parsed.format, kdf: parsed.kdf, cipher: parsed.cipher }
  const key = { header, key: await deriveKey(passphrase, Buffer.from(parsed.kdf.salt, 'base64url'), parsed.kdf) }
  return { key, plaintext: decrypt(parsed, key) }
}

/**
 * Re-reads the state file with an already derived key (another process may have written it since).
 * Throws `wallet_passphrase_wrong` if the file was re-keyed, `wallet_file_corrupt` if it vanished.
 */
export async function rereadStateFile(file: string, key: StateFileKey): Promise<string> {
  const parsed = await readEnvelope(file)
  if (parsed === undefined) throw new EidError('wallet_file_corrupt', 'wallet file disappeared')
  if (JSON.stringify(parsed.kdf) !== JSON.stringify(key.header.kdf)) {
    throw new EidError('wallet_passphrase_wrong', 'wallet file was re-keyed by another process; open it again')
  }
  return decrypt(parsed, key)
}

/** True when `file` exists (without reading or decrypting it). */
export async function stateFileExists(file: string): Promise<boolean> {
  return (await readEnvelope(file)) !== undefined
}

async function readEnvelope(file: string): Promise<z.infer<typeof FileSchema> | undefined> {
  let raw: string
  try {
    raw = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new EidError('wallet_file_corrupt', 'wallet file could not be read', { cause: err })
  }
  try {
    return FileSchema.parse(JSON.parse(raw))
  } catch {
    throw new EidError('wallet_file_corrupt', 'wallet file is not a wallet state file of a supported format')
  }
}

function decrypt(parsed: z.infer<typeof FileSchema>, key: StateFileKey): string {
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(parsed.iv, 'base64url'))
  decipher.setAAD(aad({ format: parsed.format, kdf: parsed.kdf, cipher: parsed.cipher }))
  decipher.setAuthTag(Buffer.from(parsed.tag, 'base64url'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(parsed.ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new EidError('wallet_passphrase_wrong', 'wrong wallet passphrase (or the wallet file was modified)')
  }
}

/**
 * Encrypts `plaintext` with a fresh 96-bit IV and replaces `file` atomically: write a temporary
 * file (mode 0600) in the same folder, fsync, rename over the old one.
 */
export async function writeStateFile(file: string, key: StateFileKey, plaintext: string): Promise<void> {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(aad(key.header))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const body = JSON.stringify({
    ...key.header,
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  })
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(body, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(tmp, file)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new EidError('wallet_passphrase_missing', 'a wallet passphrase is required (WALLET_PASSPHRASE)')
  }
  if (passphrase.length > 1024) throw new EidError('input_too_large', 'wallet passphrase is longer than 1024 characters')
}
