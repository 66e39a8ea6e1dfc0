// The wallet core: opens the encrypted state and exposes accept, list, present and history.
import { join } from 'node:path'
import { acceptOffer } from './accept.ts'
import type { AcceptOptions, AcceptResult } from './accept.ts'
import type { WalletContext } from './context.ts'
import { listCredentials } from './list.ts'
import type { ListedCredential } from './list.ts'
import { preparePresentation, presentRequest } from './present.ts'
import type { PreparedPresentation, PresentOptions, PresentResult } from './present.ts'
import type { KdfParams } from './state-file.ts'
import type { HistoryEntry } from './state.ts'
import type { SdJwtPolicy } from './select-credentials.ts'
import type { IssuerDisplay } from './issuer-display.ts'
import { presentationRegistrarRoots, refreshRegistrarRoots, refreshRegistrarRootsAtAccept } from './trust-store.ts'
import { openWalletStore } from './wallet-store.ts'
import { topUpSdJwt } from './top-up.ts'
import type { TopUpOptions, TopUpResult } from './top-up.ts'
import { bbsStoreOf, exportNyms, importNyms, refreshDueBbsCredentials } from './bbs/index.ts'
import type { NymBackup, StoredBbsCredential } from './bbs/index.ts'

export interface WalletConfig {
  /** Folder of the state file (created 0700). */
  dir: string
  /** Passphrase the state key is derived from. */
  passphrase: string
  /**
   * Trusted registrar root certificate(s): base64 DER strings, or a file path / URL to load them from. Roots from a
   * URL are fetched at accept and by `refreshTrust` and stored in the wallet file; presenting never fetches them.
   */
  trustedRegistrar?: string[] | string
  /** Credential issuer identifiers whose offers are accepted; none configured (and no roots) refuses every offer (`issuer_untrusted`). */
  trustedIssuers?: readonly string[]
  /**
   * Root certificates, each inline PEM or the path of a local PEM / base64 DER file: an offer from an issuer not in
   * `trustedIssuers` is accepted when a credential-signing key it publishes carries an `x5c` chaining to one of them
   * whose leaf names the issuer (subject alternative name); read at accept, never fetched.
   */
  trustedIssuerRoots?: readonly string[]
  /** Hostnames reachable over plain http (the local demo: 127.0.0.1, localhost). Default none. */
  allowHttpHosts?: readonly string[]
  /** Credentials requested per offer (default 10, capped by the issuer's batch_size). */
  batchSize?: number
  /**
   * Which copy of an SD-JWT batch a presentation uses: `once-only` (default: each copy presented once, never reused,
   * so even the same service cannot recognise a returning person by it) or `per-service` (one copy per service,
   * presented to it again). docs/protocol/wallet.md, "SD-JWT policy".
   */
  sdJwtPolicy?: SdJwtPolicy
  /** Outbound request timeout, ms (default 10 000). */
  fetchTimeoutMs?: number
  /** Largest response read, bytes (default 256 KiB; the credential response may be 4x). */
  maxResponseBytes?: number
  /** Clock, epoch seconds (tests). */
  now?: () => number
  /** scrypt parameters for a new state file (tests may lower N). */
  kdf?: KdfParams
}

export interface Wallet {
  /** Path of the encrypted state file. */
  readonly file: string
  accept(offerUri: string, opts?: AcceptOptions): Promise<AcceptResult>
  list(opts?: { checkStatus?: boolean }): Promise<ListedCredential[]>
  /** Checks a request and holds it for the person's decision (a consent page): `{ consent, respond(disclose) }`. */
  prepare(openid4vpUri: string): Promise<PreparedPresentation>
  /** `prepare`, ask `opts.consent`, respond. */
  present(openid4vpUri: string, opts: PresentOptions): Promise<PresentResult>
  /** History as last read by this process (call `refresh` first to see other processes' writes). */
  history(): HistoryEntry[]
  /** Re-reads the state file. */
  refresh(): Promise<void>
  /** The held BBS credentials (pid_bbs), with their secrets: for the owner's own use only. */
  bbsCredentials(): Promise<StoredBbsCredential[]>
  /** Backup of the pseudonym secret (prover_nym) used with each issuer: secret, for `wallet export-nym`. */
  exportNyms(): Promise<NymBackup>
  /** Restores an `exportNyms` backup (`invalid_request`, `nym_conflict`); returns the issuers restored. */
  importNyms(doc: unknown): Promise<string[]>
  /** Refreshes BBS credentials expiring within `withinSeconds` (default 3600) by their refresh offers; returns the count. */
  refreshBbs(withinSeconds?: number): Promise<number>
  /**
   * Tops up SD-JWT batches through the issuer's refresh grant when fewer than `threshold` unused copies remain (or
   * `force`); returns what was added. Run by the schedule (`startTopUpSchedule`) or `wallet top-up`, never at a presentation.
   */
  topUp(opts?: TopUpOptions): Promise<TopUpResult[]>
  /** Loads the registrar roots from the configured file or URL into the wallet file; returns how many (0: inline roots). */
  refreshTrust(): Promise<number>
  /** Every stored issuer's display metadata (names, colours, as stored when its credentials were accepted), by issuer identifier. */
  issuerDisplays(): Record<string, IssuerDisplay>
}

/** Default wallet folder: `$WALLET_DIR`, else `<EID_DATA_DIR or ./data>/wallet`. */
export function defaultWalletDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WALLET_DIR ?? join(env.EID_DATA_DIR ?? './data', 'wallet')
}

/** Opens (or creates) the wallet. Throws `wallet_passphrase_missing` / `wallet_passphrase_wrong` / `wallet_file_corrupt`. */
export async function openWallet(config: WalletConfig): Promise<Wallet> {
  const store = await openWalletStore(config.dir, config.passphrase, config.kdf)
  const policy = { allowHttpHosts: config.allowHttpHosts ?? [] }
  const limits = { timeoutMs: config.fetchTimeoutMs ?? 10_000, maxBytes: config.maxResponseBytes ?? 256 * 1024 }
  const ctx: WalletContext = {
    store,
    policy,
    limits,
    now: config.now ?? (() => Math.floor(Date.now() / 1000)),
    batchSize: config.batchSize ?? 10,
    sdJwtPolicy: config.sdJwtPolicy ?? 'once-only',
    trustedIssuers: config.trustedIssuers ?? [],
    trustedIssuerRoots: config.trustedIssuerRoots ?? [],
    trustedRegistrarRoots: () => presentationRegistrarRoots(store, config.trustedRegistrar, policy, limits),
  }
  const refreshTrust = (): Promise<number> => refreshRegistrarRoots(store, config.trustedRegistrar, policy, limits, ctx.now())
  return {
    file: store.file,
    accept: async (offerUri, opts) => {
      const result = await acceptOffer(ctx, offerUri, opts)
      // the one moment the wallet talks to the authority anyway: store the registrar roots for later presentations
      await refreshRegistrarRootsAtAccept(store, config.trustedRegistrar, policy, limits, ctx.now())
      return result
    },
    list: (opts) => listCredentials(ctx, opts),
    prepare: (uri) => preparePresentation(ctx, uri),
    present: (uri, opts) => presentRequest(ctx, uri, opts),
    history: () => structuredClone(ctx.store.read().history),
    refresh: () => ctx.store.refresh(),
    bbsCredentials: () => bbsStoreOf(ctx.store).list(),
    exportNyms: async () => {
      await ctx.store.refresh()
      return exportNyms(ctx.store.read())
    },
    importNyms: async (doc) => {
      let issuers: string[] = []
      await ctx.store.update((state) => {
        issuers = importNyms(state, doc)
      })
      return issuers
    },
    refreshBbs: (within) => refreshDueBbsCredentials(ctx, bbsStoreOf(ctx.store), within),
    topUp: (opts) => topUpSdJwt(ctx, opts),
    refreshTrust,
    issuerDisplays: () => structuredClone(ctx.store.read().issuerDisplays ?? {}),
  }
}
