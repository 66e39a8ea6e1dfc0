// Cross-implementation test with @digitalbazaar/bbs-signatures 3.0.0 (draft-irtf-cfrg-bbs-signatures-06+
// hashing order, same as ours): its signatures and proofs verify in ours, ours in it, both suites.
import { describe, expect, it } from 'vitest'
import type { CiphersuiteName } from '../../shared/bbs/index.ts'
import { generateKeyPair, keyGen, proofGen, proofVerify, sign, skToPk, verify } from '../../shared/bbs/index.ts'

type Bytes = Uint8Array
type Suite = { ciphersuite: string }
/** The slice of @digitalbazaar/bbs-signatures (untyped JS) used here. */
interface DigitalBazaarBbs {
  generateKeyPair(o: Suite & { seed?: Bytes }): Promise<{ secretKey: Bytes; publicKey: Bytes }>
  sign(o: Suite & { secretKey: Bytes; publicKey: Bytes; header: Bytes; messages: Bytes[] }): Promise<Bytes>
  verifySignature(o: Suite & { publicKey: Bytes; signature: Bytes; header: Bytes; messages: Bytes[] }): Promise<boolean>
  deriveProof(o: Suite & { publicKey: Bytes; signature: Bytes; header: Bytes; messages: Bytes[]; presentationHeader: Bytes; disclosedMessageIndexes: number[] }): Promise<Bytes>
  verifyProof(o: Suite & { publicKey: Bytes; proof: Bytes; header: Bytes; presentationHeader: Bytes; disclosedMessages: Bytes[]; disclosedMessageIndexes: number[] }): Promise<boolean>
}
const moduleName = '@digitalbazaar/bbs-signatures'
const db = (await import(moduleName)) as DigitalBazaarBbs

const enc = new TextEncoder()
const messages = Array.from({ length: 6 }, (_, i) => enc.encode(`claim-${i}`))
const header = enc.encode('issuer-header')
const presentationHeader = enc.encode('nonce-and-aud')
const disclosedIndexes = [0, 3, 5]
const disclosedMessages = disclosedIndexes.map((i) => messages[i] as Uint8Array)

for (const suite of ['BLS12-381-SHA-256', 'BLS12-381-SHAKE-256'] as CiphersuiteName[]) {
  describe(`@digitalbazaar/bbs-signatures interop, ${suite}`, () => {
    it('derives the same public key from a secret key', async () => {
      const kp = await db.generateKeyPair({ ciphersuite: suite })
      expect(Buffer.from(skToPk(kp.secretKey)).toString('hex')).toBe(Buffer.from(kp.publicKey).toString('hex'))
    })

    it('derives the same secret key from the same key material (default KEYGEN_DST_)', async () => {
      const seed = new Uint8Array(32).map((_, i) => i * 7 + 1)
      const kp = await db.generateKeyPair({ ciphersuite: suite, seed })
      expect(Buffer.from(keyGen({ suite, keyMaterial: seed })).toString('hex')).toBe(Buffer.from(kp.secretKey).toString('hex'))
    })

    it('signs identically (Sign is deterministic) and each verifies the other', async () => {
      const { secretKey, publicKey } = generateKeyPair(suite)
      const ours = sign({ suite, secretKey, publicKey, header, messages })
      const theirs = await db.sign({ secretKey, publicKey, header, messages, ciphersuite: suite })
      expect(Buffer.from(theirs).toString('hex')).toBe(Buffer.from(ours).toString('hex'))
      expect(await db.verifySignature({ publicKey, signature: ours, header, messages, ciphersuite: suite })).toBe(true)
      expect(() => verify({ suite, publicKey, signature: theirs, header, messages })).not.toThrow()
    })

    it('verifies their proofs, and they verify ours', async () => {
      const { secretKey, publicKey } = await db.generateKeyPair({ ciphersuite: suite })
      const signature = await db.sign({ secretKey, publicKey, header, messages, ciphersuite: suite })
      const theirProof = await db.deriveProof({
        publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: disclosedIndexes, ciphersuite: suite,
      })
      expect(() => proofVerify({ suite, publicKey, proof: theirProof, header, presentationHeader, disclosedMessages, disclosedIndexes })).not.toThrow()
      const ourProof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
      expect(
        await db.verifyProof({
          publicKey, proof: ourProof, header, presentationHeader, disclosedMessages, disclosedMessageIndexes: disclosedIndexes, ciphersuite: suite,
        }),
      ).toBe(true)
    })

    it('they reject our proof under another presentation header, as we reject theirs', async () => {
      const { secretKey, publicKey } = generateKeyPair(suite)
      const signature = sign({ suite, secretKey, publicKey, header, messages })
      const ourProof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
      const other = enc.encode('other-nonce')
      expect(
        await db.verifyProof({
          publicKey, proof: ourProof, header, presentationHeader: other, disclosedMessages, disclosedMessageIndexes: disclosedIndexes, ciphersuite: suite,
        }),
      ).toBe(false)
      const theirProof = await db.deriveProof({
        publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: disclosedIndexes, ciphersuite: suite,
      })
      expect(() => proofVerify({ suite, publicKey, proof: theirProof, header, presentationHeader: other, disclosedMessages, disclosedIndexes })).toThrow(
        expect.objectContaining({ code: 'bbs_invalid_proof' }),
      )
    })
  })
}
