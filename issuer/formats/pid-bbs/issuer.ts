// What the BBS flows need beside the issuer's deps: the BBS key and the BBS configuration.
import { join } from 'node:path'
import { resolveBbsIssuerConfig } from './config.ts'
import type { BbsIssuerConfig, ResolvedBbsIssuerConfig } from './config.ts'
import { loadBbsIssuerKey } from './key-file.ts'
import type { BbsIssuerKey } from './key-file.ts'

export interface BbsIssuer {
  key: BbsIssuerKey
  config: ResolvedBbsIssuerConfig
}

/** Loads (or creates) the BBS key under `<dataDir>/issuer/keys/` and resolves the configuration. */
export function createBbsIssuer(input: { dataDir: string; now: number; config?: BbsIssuerConfig }): BbsIssuer {
  return { key: loadBbsIssuerKey(join(input.dataDir, 'issuer', 'keys'), input.now), config: resolveBbsIssuerConfig(input.config) }
}
