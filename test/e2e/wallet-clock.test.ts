// No clock fingerprint: the KB-JWT iat is the verifier's request iat, whatever the wallet's clock says (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { NOW, startFakeIssuer, startFakeVerifier, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Service } from './wallet-fixtures.ts'

let issuer: FakeIssuer
let verifier: FakeVerifier
let shop: Service
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  issuer = await startFakeIssuer({ batchSize: 2 })
  verifier = await startFakeVerifier()
  shop = await verifier.registerService({ name: 'Wine Shop', allowedClaims: [['age_over_18']] })
})

afterAll(async () => {
  for (const c of cleanups) await c()
  await issuer.close()
  await verifier.close()
})

async function walletWithOffset(offset: number) {
  const w = await tempWallet([verifier.registrarRoot], { now: () => NOW() + offset })
  cleanups.push(w.cleanup)
  await w.wallet.accept(issuer.offer(), { txCode: '123456' })
  return w.wallet
}

function kbIatOfLastResponse(): number {
  const vpToken = JSON.parse(verifier.responses.at(-1)?.body.vp_token ?? '') as Record<string, string[]>
  const kb = decodeSdJwt(vpToken.pid?.[0] ?? '').kbJwt ?? ''
  return (JSON.parse(Buffer.from(kb.split('.')[1] ?? '', 'base64url').toString()) as { iat: number }).iat
}

describe('presentation iat', () => {
  it('is the request object iat for wallets whose clocks are 40 s apart', async () => {
    const requestIat = NOW() - 17
    const seen: number[] = []
    for (const offset of [-40, 0, 40]) {
      const wallet = await walletWithOffset(offset)
      const req = await verifier.createRequest(shop, { claims: { iat: requestIat } })
      expect((await wallet.present(req.uri, { consent: () => true })).outcome).toBe('sent')
      seen.push(kbIatOfLastResponse())
    }
    expect(seen).toEqual([requestIat, requestIat, requestIat])
  })

  it('is the wallet clock floored to the minute when the request carries no iat', async () => {
    const wallet = await walletWithOffset(0)
    const req = await verifier.createRequest(shop, { claims: { iat: undefined } })
    await wallet.present(req.uri, { consent: () => true })
    const iat = kbIatOfLastResponse()
    expect(iat % 60).toBe(0)
    expect(NOW() - iat).toBeLessThan(120)
  })
})
