// Fuzz: corrupted certificates (bit flips, truncations, random bytes) make verifyCertificateChain throw an EidError, never anything else.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import type { CryptoKey } from '../../shared/keys/index.ts'
import { certificateHash, createRootCertificate, issueCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'

const nb = new Date(Date.now() - 86_400_000)
const na = new Date(Date.now() + 86_400_000)
let root: string
let leaf: string

beforeAll(async () => {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { publicKey: CryptoKey; privateKey: CryptoKey }
  root = await createRootCertificate({ name: 'Fuzz Root', keys, notBefore: nb, notAfter: na })
  leaf = await issueCertificate({ subject: 'Fuzz Leaf', subjectPublicKey: keys.publicKey, issuerCert: root, issuerKey: keys.privateKey, notBefore: nb, notAfter: na, san: { dns: ['a.example'] } })
})

async function onlyEidErrors(x5c: string[]): Promise<void> {
  try {
    await verifyCertificateChain(x5c, [root], new Date())
  } catch (e) {
    expect(e).toBeInstanceOf(EidError)
  }
}

describe('fuzz: verifyCertificateChain', () => {
  it('bit flips anywhere in the leaf DER', async () => {
    const der = Buffer.from(leaf, 'base64')
    await fc.assert(fc.asyncProperty(fc.nat({ max: der.length - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, mask) => {
      const m = Buffer.from(der)
      m[pos] = (m[pos] ?? 0) ^ mask
      await onlyEidErrors([m.toString('base64')])
    }), { numRuns: 300 })
  })

  it('a name whose string tag is flipped to UTCTime (decodes, cannot be re-encoded) is x5c_invalid', async () => {
    // CI found it: byte 54 ^ 4 turned the issuer name's PrintableString (0x13) into UTCTime (0x17), and the
    // name comparison's re-encoding threw a plain Error.
    const der = Buffer.from(leaf, 'base64')
    for (const name of ['Fuzz Root', 'Fuzz Leaf']) {
      const at = der.indexOf(Buffer.from(name, 'latin1')) - 2
      expect(der[at]).toBe(0x13)
      const m = Buffer.from(der)
      m[at] = 0x17
      await expect(verifyCertificateChain([m.toString('base64')], [root], new Date())).rejects.toMatchObject({ code: 'x5c_invalid' })
    }
  })

  it('truncations and random bytes', async () => {
    const der = Buffer.from(leaf, 'base64')
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.nat({ max: der.length }).map((n) => der.subarray(0, n)),
      fc.uint8Array({ minLength: 1, maxLength: 600 }).map((a) => Buffer.from(a)),
    ), async (bytes) => {
      if (bytes.length === 0) return
      await onlyEidErrors([bytes.toString('base64'), root])
      expect(() => certificateHash(bytes.toString('base64'))).not.toThrow(TypeError)
    }), { numRuns: 200 })
  })

  it('non-string and non-array inputs', async () => {
    await fc.assert(fc.asyncProperty(fc.anything(), async (x) => {
      await onlyEidErrors(x as string[])
      await onlyEidErrors([x as string])
    }), { numRuns: 100 })
  })
})
