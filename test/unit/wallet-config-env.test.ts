// wallet/config.ts: WALLET_SDJWT_POLICY (once-only by default, per-service as an option, anything else refused).
import { describe, expect, it } from 'vitest'
import { walletConfigFromEnv } from '../../wallet/config.ts'

const base = { WALLET_PASSPHRASE: 'a long enough passphrase', WALLET_DIR: '/tmp/wallet-config-env' }

describe('walletConfigFromEnv: WALLET_SDJWT_POLICY', () => {
  it('unset or empty: no policy in the config (the wallet core defaults to once-only)', () => {
    expect(walletConfigFromEnv(base).sdJwtPolicy).toBeUndefined()
    expect(walletConfigFromEnv({ ...base, WALLET_SDJWT_POLICY: '' }).sdJwtPolicy).toBeUndefined()
  })

  it('once-only and per-service are taken as given', () => {
    expect(walletConfigFromEnv({ ...base, WALLET_SDJWT_POLICY: 'once-only' }).sdJwtPolicy).toBe('once-only')
    expect(walletConfigFromEnv({ ...base, WALLET_SDJWT_POLICY: 'per-service' }).sdJwtPolicy).toBe('per-service')
  })

  it('any other value is invalid_request', () => {
    for (const v of ['reuse', 'ONCE-ONLY', 'per_service']) {
      expect(() => walletConfigFromEnv({ ...base, WALLET_SDJWT_POLICY: v })).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    }
  })
})
