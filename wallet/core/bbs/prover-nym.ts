// One pseudonym secret (prover_nym) per issuer, kept across offers and refreshes, with its backup form
// (`wallet export-nym` / `import-nym`; docs/protocol/privacy.md, "stable pseudonyms").
import { z } from 'zod'
import { EidError, parseInput } from '../../../shared/errors/index.ts'
import { decodeBase64url } from '../../../shared/jwp/index.ts'
import type { WalletState } from '../state.ts'
import { ProverNymsSchema } from './state.ts'


/** The backup document: `{ "version": 1, "prover_nyms": { "<issuer>": "<b64u>" } }`. Secret: whoever holds it can present as the person's pseudonyms with their credentials. */
export const NymBackupSchema = z.strictObject({ version: z.literal(1), prover_nyms: ProverNymsSchema })
export type NymBackup = z.infer<typeof NymBackupSchema>

/**
 * The prover_nym this wallet uses with `issuer`: the one it recorded, else the one of a BBS credential it
 * holds from that issuer; undefined for an issuer it never had one with (a fresh one is then drawn).
 * The issuer derives its part (signer_nym_entropy) from the person, so the same prover_nym gives the same pseudonyms.
 */
export function proverNymFor(state: WalletState, issuer: string): Uint8Array | undefined {
  const b64 = state.proverNyms?.[issuer] ?? state.bbsCredentials?.find((c) => c.issuer === issuer)?.nym.prover_nym
  return b64 === undefined ? undefined : decodeBase64url(b64, 'prover_nym')
}

/** Records `proverNym` (base64url) as the one used with `issuer`, unless one is recorded already. */
export function rememberProverNym(state: WalletState, issuer: string, proverNym: string): void {
  const map = (state.proverNyms ??= {})
  if (!Object.hasOwn(map, issuer)) map[issuer] = proverNym
}

/** Every issuer's prover_nym (recorded or held in a BBS credential), as a backup document. */
export function exportNyms(state: WalletState): NymBackup {
  const out: Record<string, string> = {}
  for (const c of state.bbsCredentials ?? []) out[c.issuer] ??= c.nym.prover_nym
  return { version: 1, prover_nyms: { ...out, ...state.proverNyms } }
}

/**
 * Restores a backup into the state: each issuer's prover_nym is recorded, so the next offer from that
 * issuer gives the old pseudonyms. `invalid_request` for a malformed document; `nym_conflict` (nothing
 * changed) when the wallet already uses another prover_nym with one of its issuers. Returns the issuers restored.
 */
export function importNyms(state: WalletState, doc: unknown): string[] {
  const backup = parseInput(NymBackupSchema, doc, 'invalid_request', 'nym backup')
  const current = exportNyms(state).prover_nyms
  for (const [issuer, nym] of Object.entries(backup.prover_nyms)) {
    if (Object.hasOwn(current, issuer) && current[issuer] !== nym) {
      throw new EidError('nym_conflict', 'the wallet already uses another pseudonym secret with an issuer in the backup; nothing imported')
    }
  }
  state.proverNyms = { ...state.proverNyms, ...backup.prover_nyms }
  return Object.keys(backup.prover_nyms)
}
