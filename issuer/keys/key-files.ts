// Files of the issuer's key material: private JWKs (mode 0600, directory 0700) and a public manifest, written atomically.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JWK } from 'jose'
import { z } from 'zod'
import { parseInput } from '../../shared/errors/index.ts'

const certEntry = z.object({ kid: z.string(), cert: z.string(), createdAt: z.number() })

/** The public manifest `keys.json`: certificates and kids; private keys live beside it in `private/<kid>.jwk`. */
export const manifestSchema = z.object({
  version: z.literal(1),
  authorityRoot: certEntry,
  issuing: z.array(certEntry).min(1),
  currentIssuingKid: z.string(),
  registrarRoot: certEntry,
  registrarSigning: certEntry,
})
export type KeyManifest = z.output<typeof manifestSchema>

/** Reads and writes the key directory `<dataDir>/issuer/keys`. */
export class KeyFiles {
  constructor(readonly dir: string) {}

  private get manifestFile(): string {
    return join(this.dir, 'keys.json')
  }

  private privateFile(kid: string): string {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(kid)) throw new Error('kid is not a base64url thumbprint')
    return join(this.dir, 'private', `${kid}.jwk`)
  }

  hasManifest(): boolean {
    return existsSync(this.manifestFile)
  }

  readManifest(): KeyManifest {
    return parseInput(manifestSchema, JSON.parse(readFileSync(this.manifestFile, 'utf8')), 'internal_error', 'keys.json')
  }

  writeManifest(m: KeyManifest): void {
    writeAtomic(this.manifestFile, JSON.stringify(m, null, 2), 0o644)
  }

  readPrivate(kid: string): JWK {
    return JSON.parse(readFileSync(this.privateFile(kid), 'utf8')) as JWK
  }

  writePrivate(kid: string, jwk: JWK): void {
    mkdirSync(join(this.dir, 'private'), { recursive: true, mode: 0o700 })
    chmodSync(join(this.dir, 'private'), 0o700)
    writeAtomic(this.privateFile(kid), JSON.stringify(jwk), 0o600)
  }
}

function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, content, { mode })
  chmodSync(tmp, mode)
  renameSync(tmp, file)
}
