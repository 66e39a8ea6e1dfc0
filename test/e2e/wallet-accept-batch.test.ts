// Wallet `accept` against issuers without batch issuance: `batch_credential_issuance` absent, or `batch_size: 1`
// (below OpenID4VCI 1.0 §12.2.4's minimum of 2, read as "no batches"). The wallet asks exactly one credential.
import { afterAll, describe, expect, it } from 'vitest'
import { startFakeIssuer, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer } from './wallet-fixtures.ts'

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of closers) await c()
})

async function acceptFrom(batchSize: number | null): Promise<{ issuer: FakeIssuer; count: number | undefined; held: number }> {
  const issuer = await startFakeIssuer({ batchSize })
  const { wallet, cleanup } = await tempWallet([])
  closers.push(cleanup, () => issuer.close())
  const r = await wallet.accept(issuer.offer(), { txCode: '123456' })
  return { issuer, count: r.batches[0]?.count, held: (await wallet.list({ checkStatus: false })).length }
}

describe('wallet accept without batch issuance', () => {
  it('batch_credential_issuance absent: one credential request with one proof, one credential stored', async () => {
    const { issuer, count, held } = await acceptFrom(null)
    expect(issuer.proofCounts()).toEqual([1])
    expect(count).toBe(1)
    expect(held).toBe(1)
  })
  it('batch_size 1: accepted, one proof, one credential stored', async () => {
    const { issuer, count, held } = await acceptFrom(1)
    expect(issuer.proofCounts()).toEqual([1])
    expect(count).toBe(1)
    expect(held).toBe(1)
  })
  it('batch_size 3: three proofs in one request', async () => {
    const { issuer, count } = await acceptFrom(3)
    expect(issuer.proofCounts()).toEqual([3])
    expect(count).toBe(3)
  })
})
