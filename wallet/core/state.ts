// The wallet's decrypted state: holder keys, credentials and the disclosure history (schema-checked on load).
import { z } from 'zod'
import { EidError } from '../../shared/errors/index.ts'
import { ProverNymsSchema, StoredBbsCredentialSchema } from './bbs/state.ts'
import { IssuerDisplaySchema } from './issuer-display.ts'

export type ClaimsPath = (string | number | null)[]

const claimsPath = z.array(z.union([z.string().max(256), z.number().int().min(0), z.null()])).min(1).max(16)

const ShownToSchema = z.strictObject({ clientId: z.string().max(512), name: z.string().max(256) })

export const StoredCredentialSchema = z.strictObject({
  /** Local random id (never sent anywhere). */
  id: z.string().max(64),
  /** Credentials received in one issuance share a batch id. */
  batchId: z.string().max(64),
  format: z.literal('dc+sd-jwt'),
  /** `iss` of the credential (the credential issuer identifier). */
  issuer: z.string().max(2048),
  credentialConfigurationId: z.string().max(256),
  vct: z.string().max(2048),
  issuedAt: z.number().int().optional(),
  expiresAt: z.number().int().optional(),
  receivedAt: z.number().int(),
  /** The issued SD-JWT VC with all its disclosures. */
  sdJwt: z.string().max(1_000_000),
  /**
   * The holder key the credential is bound to (`cnf.jwk`), as a private JWK; absent once the copy is spent and pruned
   * (wallet/core/prune.ts): it is never presented again.
   */
  holderKey: z.strictObject({ alg: z.enum(['ES256', 'EdDSA']), privateJwk: z.record(z.string(), z.unknown()) }).optional(),
  /** Services this credential was presented to. */
  shownTo: z.array(ShownToSchema).max(1000),
})
export type StoredCredential = z.infer<typeof StoredCredentialSchema>

export const HistoryEntrySchema = z.strictObject({
  at: z.number().int(),
  clientId: z.string().max(512),
  serviceName: z.string().max(256),
  purpose: z.string().max(2048),
  responseOrigin: z.string().max(2048),
  /** `refused`: the wallet refused the request before asking the person; nothing was sent (see `refusal`). */
  outcome: z.enum(['sent', 'declined', 'not_accepted', 'refused']),
  /** One entry per credential query answered (empty when declined). */
  disclosures: z
    .array(z.strictObject({ credentialQueryId: z.string().max(256), credentialId: z.string().max(64), vct: z.string().max(2048), claims: z.array(claimsPath).max(256) }))
    .max(64),
  /**
   * Why a request was refused (outcome `refused` only): the error code and the claims it asked for, when known.
   * `serviceName` and `purpose` are empty when the refusal came before the registration certificate was verified.
   */
  refusal: z.strictObject({ code: z.string().max(64), requested: z.array(claimsPath).max(256).optional() }).optional(),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

/**
 * Secret: the refresh token of an issuer's SD-JWT batch (RFC 6749 §6), rotated at each top-up, with the endpoints and
 * the configuration it renews (wallet/core/top-up.ts).
 */
export const SdJwtRefreshSchema = z.strictObject({
  issuer: z.string().max(2048),
  credentialConfigurationId: z.string().max(256),
  vct: z.string().max(2048),
  token: z.string().max(512),
  /** Epoch seconds; absent when the issuer did not say. */
  expiresAt: z.number().int().optional(),
  tokenEndpoint: z.string().max(2048),
  nonceEndpoint: z.string().max(2048).optional(),
  credentialEndpoint: z.string().max(2048),
  batchSize: z.number().int().min(1).max(1000),
})
export type SdJwtRefresh = z.infer<typeof SdJwtRefreshSchema>

export const WalletStateSchema = z.strictObject({
  version: z.literal(1),
  credentials: z.array(StoredCredentialSchema).max(10_000),
  history: z.array(HistoryEntrySchema).max(100_000),
  /** BBS credentials (pid_bbs, JSON Proof Tokens with the holder's nym secrets); absent in files written before them. */
  bbsCredentials: z.array(StoredBbsCredentialSchema).max(1000).optional(),
  /** Display metadata of each issuer a credential was accepted from (names, colours), by issuer identifier; stored at accept. */
  issuerDisplays: z.record(z.string().max(2048), IssuerDisplaySchema).optional(),
  /** Secret: one refresh token per issuer for topping up its SD-JWT batch in the background; absent in older files. */
  sdJwtRefresh: z.array(SdJwtRefreshSchema).max(100).optional(),
  /** Secret: the prover_nym used with each issuer (kept across offers so pseudonyms stay); absent in older files. */
  proverNyms: ProverNymsSchema.optional(),
  /**
   * Registrar root certificates (base64 DER) loaded from the configured file or URL at accept or `refresh-trust`,
   * so presenting never contacts the authority; absent in older files.
   */
  trust: z.strictObject({ source: z.string().max(2048), registrarRoots: z.array(z.string().max(16_384)).min(1).max(8), loadedAt: z.number().int() }).optional(),
})
export type WalletState = z.infer<typeof WalletStateSchema>

/** An empty wallet. */
export function emptyState(): WalletState {
  return { version: 1, credentials: [], history: [] }
}

/** Parses decrypted state JSON; anything unexpected is `wallet_file_corrupt`. */
export function parseState(plaintext: string): WalletState {
  try {
    return WalletStateSchema.parse(JSON.parse(plaintext))
  } catch {
    throw new EidError('wallet_file_corrupt', 'wallet state has an unexpected shape')
  }
}
