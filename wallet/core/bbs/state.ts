// The wallet's BBS credentials (kept beside the SD-JWT ones in the encrypted state): the issued JPT, the issuer key,
// the holder's nym secrets and the refresh offer. Secret members never leave the wallet.
import { z } from 'zod'

const b64u = (octets: number) => z.string().length(Math.ceil((octets * 4) / 3)).regex(/^[A-Za-z0-9_-]+$/)

export const StoredBbsCredentialSchema = z.strictObject({
  /** Local random id (never sent anywhere). */
  id: z.string().max(64),
  format: z.literal('dc+jpt'),
  issuer: z.string().max(2048),
  credentialConfigurationId: z.string().max(256),
  vct: z.string().max(2048),
  /** `kid` of the issuer's BBS key and the key itself (96 octets, base64url), checked at issuance. */
  issuerKid: z.string().max(256),
  issuerPublicKey: b64u(96),
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
  receivedAt: z.number().int(),
  /** The issued JWP (compact, issued form). */
  jpt: z.string().max(100_000),
  /** Secret: prover_nym (kept to commit it again at refresh), nym_secret and the blind of the signature. */
  nym: z.strictObject({ prover_nym: b64u(32), nym_secret: b64u(32), prover_blind: b64u(32) }),
  /** Refresh offer (secret) and the endpoints it is redeemed at. */
  refresh: z
    .strictObject({
      preAuthorizedCode: z.string().max(512),
      txCode: z.string().max(64),
      expiresAt: z.number().int(),
      tokenEndpoint: z.string().max(2048),
      nonceEndpoint: z.string().max(2048),
      credentialEndpoint: z.string().max(2048),
    })
    .optional(),
  /** Services this credential was presented to (a BBS credential may be shown to many: proofs are unlinkable). */
  shownTo: z.array(z.strictObject({ clientId: z.string().max(512), name: z.string().max(256) })).max(10_000),
})
export type StoredBbsCredential = z.infer<typeof StoredBbsCredentialSchema>

/** Where the wallet keeps its BBS credentials (the encrypted state file in the wallet; a map in tests). */
export interface BbsCredentialStore {
  list(): Promise<StoredBbsCredential[]>
  /** Replaces the credential with the same `id`, or adds it; atomically with the rest of the state. */
  put(credential: StoredBbsCredential): Promise<void>
}

const ProverNym = z.string().length(43).regex(/^[A-Za-z0-9_-]+$/)

/** `proverNyms` in the wallet state: issuer identifier → prover_nym (base64url, 32 octets). Secret. */
export const ProverNymsSchema = z.record(z.string().min(1).max(2048), ProverNym).refine((r) => Object.keys(r).length <= 100, 'at most 100 issuers')
