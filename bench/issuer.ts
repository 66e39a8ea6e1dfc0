// Issuer benchmark: a batch of 10 PID credentials over HTTP (credential endpoint) beside one raw ES256 signature,
// one proof-JWT verification and one PID SD-JWT issuance.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { pino } from 'pino'
import { createIssuerApp } from '../issuer/app.ts'
import { generateResidentId } from '../shared/cnid/index.ts'
import { generateSigningKey } from '../shared/keys/index.ts'
import { verifyProofJwt } from '../shared/oid4vci/index.ts'
import { derivePidClaims, pidDisclosureFrame, PID_VCT } from '../shared/pid/index.ts'
import { issueSdJwt } from '../shared/sdjwt/index.ts'
import { measureInterleaved, printTable } from './harness.ts'

const ADMIN = 'bench-admin-token-0123456789'
const BATCH = 10
const POOL = 150
const ROUNDS = 7

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eid-bench-issuer-'))
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const issuer = await createIssuerApp({ dataDir, issuerUrl: url, adminToken: ADMIN, logger: pino({ level: 'silent' }), batchSize: BATCH, rateLimit: { max: 1e9, windowSeconds: 60 } })
  server.on('request', issuer.app)
  try {
    const person = { national_id: generateResidentId({ birthdate: '1990-05-04' }), family_name: 'Bench', given_name: 'Mark', address: { city: 'Hangzhou' } }
    const holders = await Promise.all(Array.from({ length: BATCH }, async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256')
      return { privateKey, jwk: await exportJWK(publicKey) }
    }))
    const now = () => Math.floor(Date.now() / 1000)
    const prepare = async (): Promise<{ token: string; proofs: string[] }> => {
      const e = (await post(`${url}/admin/enrollments`, JSON.stringify(person), { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` })) as {
        credential_offer: { grants: Record<string, { 'pre-authorized_code': string }> }
        tx_code: string
      }
      const code = Object.values(e.credential_offer.grants)[0]?.['pre-authorized_code'] ?? ''
      const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, tx_code: e.tx_code })
      const t = (await post(`${url}/token`, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' })) as { access_token: string }
      const n = ((await post(`${url}/nonce`, '', {})) as { c_nonce: string }).c_nonce
      const proofs = await Promise.all(holders.map((h) => new SignJWT({ aud: url, iat: now(), nonce: n }).setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: h.jwk }).sign(h.privateKey)))
      return { token: t.access_token, proofs }
    }
    const pool = await Promise.all(Array.from({ length: POOL }, prepare))
    const batchOverHttp = async () => {
      const req = pool.pop() ?? (await prepare())
      const r = (await post(`${url}/credential`, JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: req.proofs } }), {
        'content-type': 'application/json',
        authorization: `Bearer ${req.token}`,
      })) as { credentials?: unknown[] }
      if (r.credentials?.length !== BATCH) throw new Error('batch issuance failed')
    }

    // raw node:crypto ES256 over a JWS-sized input
    const { privateKey: rawPriv, publicKey: rawPub } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const input = Buffer.alloc(900, 7)
    const sig = createSign('sha256').update(input).sign({ key: rawPriv, dsaEncoding: 'ieee-p1363' })
    const proof = (pool.at(-1) as { proofs: string[] }).proofs[0] ?? ''
    const issuerKey = await generateSigningKey('ES256')
    const claims = derivePidClaims({ nationalId: person.national_id, familyName: 'Bench', givenName: 'Mark', address: { city: 'Hangzhou' } }, '2026-01-01')
    const payload = { iss: url, iat: 0, exp: 1, vct: PID_VCT, cnf: { jwk: holders[0]?.jwk }, status: { status_list: { idx: 1, uri: `${url}/status-lists/x` } }, ...claims }
    const issueOne = () => issueSdJwt({ payload, frame: pidDisclosureFrame(claims), signer: { alg: 'ES256', privateKey: issuerKey.privateKey, kid: issuerKey.kid } })

    const batchName = `credential endpoint, batch of ${BATCH} (HTTP)`
    const rows = await measureInterleaved([
      { name: 'raw node:crypto ES256 sign', fn: () => createSign('sha256').update(input).sign({ key: rawPriv, dsaEncoding: 'ieee-p1363' }) },
      { name: 'raw node:crypto ES256 verify', fn: () => createVerify('sha256').update(input).verify({ key: rawPub, dsaEncoding: 'ieee-p1363' }, sig) },
      { name: 'proof JWT verification', fn: () => verifyProofJwt(proof, { audience: url, now: now() }), ref: 'raw node:crypto ES256 verify' },
      { name: 'one PID SD-JWT (16 disclosures, 7 decoys)', fn: issueOne, ref: 'raw node:crypto ES256 sign' },
      { name: batchName, fn: batchOverHttp, ref: 'one PID SD-JWT (16 disclosures, 7 decoys)' },
    ], { rounds: ROUNDS, batchMs: 40 })
    const batch = rows.find((r) => r.name === batchName)?.medianMs ?? NaN
    rows.push({ name: 'per credential within the batch', medianMs: batch / BATCH, ref: 'raw node:crypto ES256 sign' })
    if (pool.length === 0) console.log('(the prepared pool ran out: some batches include their token and nonce requests)')
    printTable(`Issuer: OpenID4VCI batch of ${BATCH} (proof checks, status allocation, SD-JWT signing, store; median of ${ROUNDS} interleaved rounds)`, rows)
  } finally {
    server.closeAllConnections()
    server.close()
    await issuer.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', body, headers })
  return res.json()
}
