// The refresh offer of a BBS PID (docs/protocol/bbs-flow.md §4): a single-use pre-authorized code and tx_code,
// returned beside a pid_bbs credential, redeemed at the ordinary token endpoint for the next short-lived credential.
import { z } from 'zod'
import { parseInput } from '../errors/index.ts'

/** `refresh` member of a pid_bbs Credential Response. */
export interface RefreshOffer {
  'pre-authorized_code': string
  tx_code: string
  /** Epoch seconds after which the code can no longer be redeemed. */
  expires_at: number
}

export const RefreshOfferSchema = z.object({
  'pre-authorized_code': z.string().min(16).max(512),
  tx_code: z.string().min(1).max(64),
  expires_at: z.number().int().min(0),
})

/** Wallet: reads the refresh member of a Credential Response (`issuance_failed` when malformed). */
export function parseRefreshOffer(json: unknown): RefreshOffer {
  return parseInput(RefreshOfferSchema, json, 'issuance_failed', 'refresh offer')
}
