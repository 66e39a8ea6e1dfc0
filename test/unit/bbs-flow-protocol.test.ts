// The BBS PID profile without HTTP: issuer header and slots, nym commitment in the key proof, blind issuance with
// per-person entropy (stable pseudonyms across refreshes), presentation and the verifier's profile checks.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { commitWithNym, generateKeyPair, generateProverNyms } from '../../shared/bbs/index.ts'
import { isEidError } from '../../shared/errors/index.ts'
import { bbsNymAlgorithm, encodeBase64url, issueJwp, parsePresentedJwp, serializePresentedJwp } from '../../shared/jwp/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { verifyProofJwt, createProofJwt } from '../../shared/oid4vci/index.ts'
import { PID_VCT, derivePidClaims } from '../../shared/pid/index.ts'
import {
  PID_BBS_CLAIMS, confirmPidBbs, createNymCommitmentProofJwt, parseJptDcqlQuery, pidBbsIssuerHeader, pidBbsPayloads, presentPidBbs,
  pseudonymousAgePresetQuery, readNymCommitment, verifyPidBbsPresentation,
} from '../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../shared/pid-bbs/index.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { loadBbsIssuerKey } from '../../issuer/formats/pid-bbs/key-file.ts'
import { signerNymEntropy } from '../../issuer/formats/pid-bbs/nym-entropy.ts'

const NYM = bbsNymAlgorithm()
const NOW = 1_790_000_000
const ISSUER = 'https://issuer.example'
const RP_A = 'x509_hash:service-a'
const RP_B = 'x509_hash:service-b'
const issuerKeys = generateKeyPair()
const entropyKey = new Uint8Array(32).fill(9)
const query = pseudonymousAgePresetQuery(PID_VCT).credentials[0] as JptCredentialQuery

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (isEidError(e)) return e.code
    throw e
  }
  return 'no error'
}

function person(birthdate = '1990-01-02') {
  return { nationalId: generateResidentId({ birthdate }), familyName: 'Li', givenName: 'Na' }
}

/** Issue as the issuer does, for `personId` with the holder's `proverNym`. */
function issue(personId: string, rec = person(), proverNym = generateProverNyms(1), t = { iat: NOW - 3600, exp: NOW + 82_800 }, kid = 'bbs-1') {
  const { commitmentWithProof, secretProverBlind } = commitWithNym({ proverNyms: proverNym })
  const { compact } = issueJwp(NYM, {
    header: pidBbsIssuerHeader({ issuer: ISSUER, kid, vct: PID_VCT }),
    payloads: pidBbsPayloads(derivePidClaims(rec, '2026-11-23'), t),
    keys: issuerKeys,
    extra: { commitmentWithProof, signerNymEntropy: signerNymEntropy(entropyKey, personId) },
  })
  const c = confirmPidBbs(compact, issuerKeys.publicKey, { proverNyms: proverNym, secretProverBlind })
  return { ...c, compact, proverNym }
}

const present = (c: ReturnType<typeof issue>, aud: string, nonce = 'n-1', claims: string[] = ['age_over_18']) =>
  presentPidBbs(c.jwp, issuerKeys.publicKey, c.state, { claims, aud, nonce, iat: NOW })
const opts = (clientId: string, nonce = 'n-1', q = query) => ({ publicKey: () => issuerKeys.publicKey, clientId, nonce, now: NOW, query: q })

const alice = issue('person-alice')
const aliceRefreshed = issue('person-alice', person(), alice.proverNym, { iat: NOW, exp: NOW + 86_400 })
const bob = issue('person-bob')

describe('BBS PID profile', () => {
  it('issues the fixed claims layout with a byte-identical issuer header and confirms at the holder', () => {
    expect(alice.jwp.issuerHeader.claims).toEqual(PID_BBS_CLAIMS)
    expect(alice.compact.split('.')[0]).toBe(bob.compact.split('.')[0])
    expect(alice.jwp.issuerHeader).toMatchObject({ alg: 'BBS-NYM', typ: 'jpt', iss: ISSUER, vct: PID_VCT })
  })

  it('a presentation verifies to exactly the requested claims and a pseudonym', () => {
    const v = verifyPidBbsPresentation(present(alice, RP_A), opts(RP_A))
    expect(v.claims).toEqual({ age_over_18: true })
    expect(v.pseudonym).toMatch(/^[A-Za-z0-9_-]{64}$/)
    expect(v.issuer).toBe(ISSUER)
  })

  it('pseudonyms: same person same service equal, across a refresh too; other service or person different', () => {
    const a1 = verifyPidBbsPresentation(present(alice, RP_A, 'n-1'), opts(RP_A, 'n-1')).pseudonym
    const a2 = verifyPidBbsPresentation(present(alice, RP_A, 'n-2'), opts(RP_A, 'n-2')).pseudonym
    const aR = verifyPidBbsPresentation(present(aliceRefreshed, RP_A), opts(RP_A)).pseudonym
    const aB = verifyPidBbsPresentation(present(alice, RP_B), opts(RP_B)).pseudonym
    const b = verifyPidBbsPresentation(present(bob, RP_A), opts(RP_A)).pseudonym
    expect(a2).toBe(a1)
    expect(aR).toBe(a1)
    expect(aB).not.toBe(a1)
    expect(b).not.toBe(a1)
  })

  it('per-person entropy is deterministic per key and person, and differs between persons and keys', () => {
    expect(signerNymEntropy(entropyKey, 'p')).toEqual(signerNymEntropy(entropyKey, 'p'))
    expect(signerNymEntropy(entropyKey, 'p')).not.toEqual(signerNymEntropy(entropyKey, 'q'))
    expect(signerNymEntropy(new Uint8Array(32), 'p')).not.toEqual(signerNymEntropy(entropyKey, 'p'))
  })

  it('rejects a presentation disclosing more than requested (over_disclosure)', () => {
    expect(codeOf(() => verifyPidBbsPresentation(present(alice, RP_A, 'n-1', ['age_over_18', 'birth_year']), opts(RP_A)))).toBe('over_disclosure')
  })

  it('rejects a presentation missing a requested claim (required_claim_missing)', () => {
    expect(codeOf(() => verifyPidBbsPresentation(present(alice, RP_A, 'n-1', []), opts(RP_A)))).toBe('required_claim_missing')
  })

  it('rejects age_over_18: false against the preset\'s values [true] (claim_value_mismatch), and without values returns it', () => {
    const minor = issue('person-minor', person('2015-06-01'))
    expect(codeOf(() => verifyPidBbsPresentation(present(minor, RP_A), opts(RP_A)))).toBe('claim_value_mismatch')
    const anyValue = { ...query, claims: [{ path: ['age_over_18'] as [string] }] }
    expect(verifyPidBbsPresentation(present(minor, RP_A), opts(RP_A, 'n-1', anyValue)).claims).toEqual({ age_over_18: false })
  })

  it('rejects an expired credential (credential_expired)', () => {
    const old = issue('person-alice', person(), alice.proverNym, { iat: NOW - 90_000, exp: NOW - 3600 })
    expect(codeOf(() => verifyPidBbsPresentation(present(old, RP_A), opts(RP_A)))).toBe('credential_expired')
  })

  it('rejects another credential type (vct_mismatch)', () => {
    const q = { ...query, meta: { vct_values: ['urn:other'], pseudonym: true as const } }
    expect(codeOf(() => verifyPidBbsPresentation(present(alice, RP_A), opts(RP_A, 'n-1', q)))).toBe('vct_mismatch')
  })

  it('rejects a wrong nonce, another audience, a tampered value, a pseudonym of another client_id', () => {
    expect(codeOf(() => verifyPidBbsPresentation(present(alice, RP_A, 'n-1'), opts(RP_A, 'n-2')))).toBe('jwp_nonce_mismatch')
    expect(codeOf(() => verifyPidBbsPresentation(present(alice, RP_B), opts(RP_A)))).toBe('jwp_audience_mismatch')
    const p = parsePresentedJwp(present(alice, RP_A))
    const i = PID_BBS_CLAIMS.indexOf('age_over_18')
    const payloads = p.payloads.map((s, j) => (j === i ? new TextEncoder().encode('false') : s))
    expect(codeOf(() => verifyPidBbsPresentation(serializePresentedJwp({ ...p, payloads }), opts(RP_A)))).toBe('bbs_pseudonym_proof_invalid')
    const forB = parsePresentedJwp(present(alice, RP_B))
    const swapped = serializePresentedJwp({ ...p, proof: [p.proof[0] as Uint8Array, forB.proof[1] as Uint8Array] })
    expect(codeOf(() => verifyPidBbsPresentation(swapped, opts(RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a presentation under an issuer key other than the trusted one (jwp_proof_invalid family)', () => {
    const other = generateKeyPair()
    const code = codeOf(() => verifyPidBbsPresentation(present(alice, RP_A), { ...opts(RP_A), publicKey: () => other.publicKey }))
    expect(code).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a credential whose header claims are not the PID layout (jpt_claims_invalid)', () => {
    const { commitmentWithProof, secretProverBlind } = commitWithNym({ proverNyms: alice.proverNym })
    const { compact } = issueJwp(NYM, {
      header: { kid: 'k', typ: 'jpt', iss: ISSUER, claims: ['exp', 'age_over_18'] }, payloads: [new TextEncoder().encode(String(NOW + 10)), new TextEncoder().encode('true')],
      keys: issuerKeys, extra: { commitmentWithProof },
    })
    expect(codeOf(() => confirmPidBbs(compact, issuerKeys.publicKey, { proverNyms: alice.proverNym, secretProverBlind }))).toBe('jpt_claims_invalid')
  })
})

describe('nym commitment in the key proof', () => {
  it('round-trips through a verified OpenID4VCI proof JWT', async () => {
    const key = await generateSigningKey('ES256')
    const { commitmentWithProof } = commitWithNym({ proverNyms: generateProverNyms(1) })
    const jwt = await createNymCommitmentProofJwt({ key, audience: ISSUER, nonce: 'c-nonce', iat: NOW, commitmentWithProof })
    const proof = await verifyProofJwt(jwt, { audience: ISSUER, now: NOW })
    expect(proof.nonce).toBe('c-nonce')
    expect(readNymCommitment(jwt)).toEqual(commitmentWithProof)
  })

  it('rejects a key proof without the commitment (bbs_commitment_missing), or with a short one', async () => {
    const key = await generateSigningKey('ES256')
    const plain = await createProofJwt({ key, audience: ISSUER, nonce: 'c', iat: NOW })
    expect(codeOf(() => readNymCommitment(plain))).toBe('bbs_commitment_missing')
    const short = await createNymCommitmentProofJwt({ key, audience: ISSUER, nonce: 'c', iat: NOW, commitmentWithProof: new Uint8Array(96) })
    expect(codeOf(() => readNymCommitment(short))).toBe('bbs_commitment_missing')
  })

  it('a commitment whose proof of knowledge fails is refused at blind signing (bbs_commitment_invalid)', () => {
    const { commitmentWithProof } = commitWithNym({ proverNyms: generateProverNyms(1) })
    const bad = commitmentWithProof.slice()
    bad[100] = (bad[100] as number) ^ 1
    const code = codeOf(() => issueJwp(NYM, { header: pidBbsIssuerHeader({ issuer: ISSUER, kid: 'k', vct: PID_VCT }), payloads: pidBbsPayloads(derivePidClaims(person(), '2026-11-23'), { iat: NOW, exp: NOW + 1 }), keys: issuerKeys, extra: { commitmentWithProof: bad } }))
    expect(code).toBe('bbs_commitment_invalid')
  })
})

describe('dc+jpt DCQL', () => {
  it('accepts the preset and refuses malformed queries (dcql_query_invalid)', () => {
    expect(parseJptDcqlQuery(pseudonymousAgePresetQuery(PID_VCT)).credentials[0].claims).toHaveLength(1)
    const base = pseudonymousAgePresetQuery(PID_VCT).credentials[0]
    for (const bad of [
      { credentials: [{ ...base, meta: { vct_values: [PID_VCT] } }] },
      { credentials: [{ ...base, claims: [{ path: ['age_over_18', 'x'] }] }] },
      { credentials: [{ ...base, claims: [{ path: ['exp'] }] }] },
      { credentials: [{ ...base, claims: [{ path: ['shoe_size'] }] }] },
      { credentials: [{ ...base, claims: [{ path: ['age_over_18'] }, { path: ['age_over_18'] }] }] },
      { credentials: [base, { ...base, id: 'two' }] },
      { credentials: [base], credential_sets: [] },
    ]) expect(codeOf(() => parseJptDcqlQuery(bad))).toBe('dcql_query_invalid')
  })
})

describe('issuer BBS key file', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })
  it('is created owner-only on first start, stable across loads, published as a BLS12381G2 JWK', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bbs-key-'))
    dirs.push(dir)
    const a = loadBbsIssuerKey(join(dir, 'keys'), NOW)
    const b = loadBbsIssuerKey(join(dir, 'keys'), NOW + 10)
    expect(b.kid).toBe(a.kid)
    expect(encodeBase64url(b.publicKey)).toBe(encodeBase64url(a.publicKey))
    expect(b.nymEntropyKey).toEqual(a.nymEntropyKey)
    expect((await stat(join(dir, 'keys', 'bbs-issuer-key.json'))).mode & 0o777).toBe(0o600)
    expect(a.publicJwk).toMatchObject({ kty: 'OKP', crv: 'BLS12381G2', proof_alg: 'BBS-NYM', use: 'proof', kid: a.kid })
    expect(a.publicJwk).not.toHaveProperty('d')
  })
})


describe('issuer BBS configuration', () => {
  it('defaults to a day of validity, a 30-day refresh window and exp rounded to UTC days; refuses values out of range', async () => {
    const { resolveBbsIssuerConfig } = await import('../../issuer/formats/pid-bbs/config.ts')
    expect(resolveBbsIssuerConfig()).toEqual({ validitySeconds: 86_400, refreshWindowSeconds: 30 * 86_400, expiryRoundingSeconds: 86_400, revocationWindowSeconds: 86_400 })
    expect(() => resolveBbsIssuerConfig({ expiryRoundingSeconds: 3600, revocationWindowSeconds: 600 })).toThrow(/revocationWindowSeconds/)
    expect(() => resolveBbsIssuerConfig({ validitySeconds: 60 })).toThrow(/validitySeconds/)
    expect(() => resolveBbsIssuerConfig({ validitySeconds: 30 * 86_400 })).toThrow(/validitySeconds/)
    expect(() => resolveBbsIssuerConfig({ refreshWindowSeconds: 1 })).toThrow(/refreshWindowSeconds/)
    expect(() => resolveBbsIssuerConfig({ expiryRoundingSeconds: 2 * 86_400 })).toThrow(/expiryRoundingSeconds/)
  })
})
