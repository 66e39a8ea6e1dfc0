// Spent SD-JWT copies pruned over real HTTP (real issuer and verifier on 127.0.0.1): each once-only presentation drops
// the copy it spent, with its holder key, from the encrypted wallet file; the history and the card still say where it
// went; when every copy is spent the newest stays keyless for the card and the next visit is refused
// (no_unlinkable_credential) until the top-up, which then drops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStateFile } from '../../wallet/core/state-file.ts'
import { parseState } from '../../wallet/core/state.ts'
import type { WalletState } from '../../wallet/core/state.ts'
import { buildCards } from '../../wallet/pages/card-model.ts'
import { startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

let flow: Flow
/** The wallet file right after accept: 10 copies, each with its holder key. */
let accepted: WalletState

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
  accepted = await fileState()
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

async function fileState(): Promise<WalletState> {
  return parseState((await readStateFile(flow.wallet.file, 'flow test passphrase'))?.plaintext ?? '')
}

async function visit(): Promise<{ status: string; walletCode?: string }> {
  const p = await flow.ask('wine', { preset: 'age_over_18' })
  const walletCode = await flow.wallet.present(p.authorization_request, { consent: () => true }).then(
    () => undefined,
    (err: unknown) => (err as { code?: string }).code,
  )
  return { status: (await flow.result('wine', p.id)).status, ...(walletCode !== undefined ? { walletCode } : {}) }
}

describe('spent SD-JWT copies are pruned from the wallet file', () => {
  it('each presentation drops the copy it spent and its holder key; the history keeps the record', async () => {
    expect(accepted.credentials).toHaveLength(10)
    const keyOf = new Map(accepted.credentials.map((c) => [c.id, String(c.holderKey?.privateJwk.d)]))
    expect(await visit()).toEqual({ status: 'verified' })
    expect(await visit()).toEqual({ status: 'verified' })
    const after = await fileState()
    expect(after.credentials).toHaveLength(8)
    expect(after.credentials.every((c) => c.shownTo.length === 0 && c.holderKey !== undefined)).toBe(true)
    const spent = after.history.filter((e) => e.outcome === 'sent').map((e) => e.disclosures[0]?.credentialId ?? '')
    expect(spent).toHaveLength(2)
    const text = JSON.stringify(after)
    for (const id of spent) {
      expect(after.credentials.some((c) => c.id === id)).toBe(false)
      expect(text).not.toContain(keyOf.get(id))
    }
  })

  it('all copies spent: the newest stays without its key (the card still shows the claims and where they went); then refused until the top-up', async () => {
    for (let i = 0; i < 8; i++) expect(await visit()).toEqual({ status: 'verified' })
    const state = await fileState()
    expect(state.credentials).toHaveLength(1)
    expect(state.credentials[0]?.holderKey).toBeUndefined()
    expect(await visit()).toEqual({ status: 'pending', walletCode: 'no_unlinkable_credential' })
    const cards = buildCards({ credentials: await flow.wallet.list({ checkStatus: false }), bbs: [], displays: flow.wallet.issuerDisplays(), now: flow.clock.now(), history: flow.wallet.history() })
    expect(cards[0]).toMatchObject({ kind: 'sd-jwt', unused: 0, shownTo: ['Wine Shop'], claims: { age_over_18: true } })

    expect(await flow.wallet.topUp()).toEqual([{ issuer: flow.issuer.url, credentialConfigurationId: 'pid_sd_jwt', count: 10, unusedBefore: 0 }])
    const topped = await fileState()
    expect(topped.credentials).toHaveLength(10)
    expect(topped.credentials.every((c) => c.holderKey !== undefined && c.shownTo.length === 0)).toBe(true)
    expect(topped.history.filter((e) => e.outcome === 'sent')).toHaveLength(10)
    expect(await visit()).toEqual({ status: 'verified' })
  })
})
