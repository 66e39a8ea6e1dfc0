// Registrar roots kept in the encrypted wallet state: loaded from the configured file or URL at accept, by
// `wallet refresh-trust` or on the wallet's own schedule, and read from the state when presenting, so a
// presentation never contacts the authority (which would learn when, and for quiet services where, a person presents).
import { EidError } from '../../shared/errors/index.ts'
import type { FetchLimits } from './fetch-limited.ts'
import { loadTrustedRegistrar } from './trusted-registrar.ts'
import type { UrlPolicy } from './url-policy.ts'
import type { WalletStore } from './wallet-store.ts'

/** The configured registrar trust: root certificates given inline (base64 DER), or a file path / URL to load them from. */
export type TrustedRegistrarConfig = string[] | string | undefined

const isUrl = (source: string): boolean => /^https?:\/\//i.test(source)

/**
 * The registrar roots a presentation checks against, without any request: inline roots as configured; for a URL,
 * the roots stored from that URL (`wallet_trust_not_loaded` when none is stored yet); for a file, the file (local);
 * nothing configured, the stored roots when any.
 */
export async function presentationRegistrarRoots(store: WalletStore, config: TrustedRegistrarConfig, policy: UrlPolicy, limits: FetchLimits): Promise<string[]> {
  if (Array.isArray(config)) return [...config]
  const stored = store.read().trust
  if (config === undefined || config.length === 0) return stored ? [...stored.registrarRoots] : loadTrustedRegistrar(config, policy, limits)
  if (!isUrl(config)) return loadTrustedRegistrar(config, policy, limits)
  if (stored?.source === config) return [...stored.registrarRoots]
  throw new EidError('wallet_trust_not_loaded', 'no registrar root stored from WALLET_TRUSTED_REGISTRAR yet; run `wallet refresh-trust` (or accept a credential) first: presenting never contacts the authority')
}

/**
 * Loads the registrar roots from the configured file or URL and stores them in the wallet state; returns how many.
 * Inline roots need no loading (0).
 */
export async function refreshRegistrarRoots(store: WalletStore, config: TrustedRegistrarConfig, policy: UrlPolicy, limits: FetchLimits, now: number): Promise<number> {
  if (Array.isArray(config)) return 0
  const roots = await loadTrustedRegistrar(config, policy, limits)
  const source = config ?? ''
  await store.update((state) => {
    state.trust = { source, registrarRoots: roots, loadedAt: now }
  })
  return roots.length
}

/** After an accept: loads and stores the roots from a configured URL; a failure is ignored when roots are already stored. */
export async function refreshRegistrarRootsAtAccept(store: WalletStore, config: TrustedRegistrarConfig, policy: UrlPolicy, limits: FetchLimits, now: number): Promise<void> {
  if (typeof config !== 'string' || !isUrl(config)) return
  try {
    await refreshRegistrarRoots(store, config, policy, limits, now)
  } catch (err) {
    if (store.read().trust?.source !== config) throw err
  }
}
