// The wallet's BBS credentials inside its encrypted state (`bbsCredentials`, beside the SD-JWT `credentials`), and
// pid_bbs in `accept`: requested with the offer's access token when the offer names it.
import type { HolderIssuerMetadata } from '../../../shared/oid4vci/index.ts'
import { JPT_FORMAT, PID_BBS_CONFIGURATION_ID } from '../../../shared/pid-bbs/index.ts'
import { EidError } from '../../../shared/errors/index.ts'
import type { WalletContext } from '../context.ts'
import type { WalletStore } from '../wallet-store.ts'
import { checkUrl } from '../url-policy.ts'
import { requestBbsCredential } from './issue.ts'
import { proverNymFor } from './prover-nym.ts'
import type { BbsCredentialStore, StoredBbsCredential } from './state.ts'

/** The BBS credential store over the wallet's encrypted state (re-read before listing; updated under the lock). */
export function bbsStoreOf(store: WalletStore): BbsCredentialStore {
  return {
    async list() {
      await store.refresh()
      return structuredClone(store.read().bbsCredentials ?? [])
    },
    put: (c) =>
      store.update((s) => {
        const list = (s.bbsCredentials ??= [])
        const i = list.findIndex((x) => x.id === c.id)
        if (i < 0) list.push(c)
        else list[i] = c
      }),
  }
}

/**
 * `accept` part for pid_bbs: when the issuer offers it (the offer names it, or its metadata lists it as
 * dc+jpt), one BBS credential is requested with the same access token (blind nym commitment, confirm,
 * refresh offer kept). The issuer's access tokens allow one credential beyond the SD-JWT batch for it.
 */
export async function acceptBbsIfOffered(
  ctx: WalletContext,
  input: { offeredIds: readonly string[]; md: HolderIssuerMetadata; issuer: string; tokenEndpoint: string; accessToken: string },
): Promise<StoredBbsCredential | undefined> {
  const config = Object.hasOwn(input.md.credential_configurations_supported, PID_BBS_CONFIGURATION_ID) ? input.md.credential_configurations_supported[PID_BBS_CONFIGURATION_ID] : undefined
  if (config?.format !== JPT_FORMAT || config.vct === undefined) return undefined
  if (input.md.nonce_endpoint === undefined) throw new EidError('issuer_metadata_invalid', 'pid_bbs needs a nonce endpoint')
  checkUrl(input.md.nonce_endpoint, ctx.policy, 'nonce_endpoint', input.issuer)
  const ep = { issuer: input.issuer, tokenEndpoint: input.tokenEndpoint, nonceEndpoint: input.md.nonce_endpoint, credentialEndpoint: input.md.credential_endpoint }
  // The same prover_nym as before with this issuer (a second offer keeps the person's pseudonyms).
  await ctx.store.refresh()
  return requestBbsCredential(ctx, ep, input.accessToken, config.vct, proverNymFor(ctx.store.read(), input.issuer))
}
