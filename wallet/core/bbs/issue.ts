// Holder side of pid_bbs issuance (docs/protocol/bbs-flow.md §2-4): nym commitment in the key proof, the issuer's BBS
// key from its JWT VC issuer metadata, confirm (blind signature and nym secret), and refresh by the refresh offer.
import { randomUUID } from 'node:crypto'
import { BLS12_381_SHA_256, commitWithNym, generateProverNyms } from '../../../shared/bbs/index.ts'
import { EidError, isEidError } from '../../../shared/errors/index.ts'
import { bbsPublicKeyFromJwk, decodeBase64url, encodeBase64url, parseIssuedJwp } from '../../../shared/jwp/index.ts'
import { decodeUtf8, generateSigningKey } from '../../../shared/keys/index.ts'
import {
  buildTokenRequestBody, describeErrorResponse, parseNonceResponse, parseTokenResponse,
} from '../../../shared/oid4vci/index.ts'
import {
  PID_BBS_ALG, PID_BBS_CONFIGURATION_ID, confirmPidBbs, createNymCommitmentProofJwt, parseRefreshOffer,
} from '../../../shared/pid-bbs/index.ts'
import type { WalletContext } from '../context.ts'
import { fetchLimited, parseJsonBody } from '../fetch-limited.ts'
import { walletIssuerKeys } from '../issuer-keys.ts'
import type { StoredBbsCredential } from './state.ts'

/** Endpoints of one issuer used for pid_bbs (from its validated metadata). */
export interface BbsEndpoints {
  issuer: string
  tokenEndpoint: string
  nonceEndpoint: string
  credentialEndpoint: string
}

/**
 * Requests one pid_bbs with `accessToken`: fresh c_nonce, a throwaway ES256 proof key, the blind commitment of
 * `proverNym` (a fresh one when absent) inside the proof. Confirms the credential with the issuer's published BBS
 * key before returning it (`issued_credential_invalid`); keeps the refresh offer.
 */
export async function requestBbsCredential(ctx: WalletContext, ep: BbsEndpoints, accessToken: string, vct: string, proverNym?: Uint8Array): Promise<StoredBbsCredential> {
  const nonce = await postJson(ctx, ep, ep.nonceEndpoint, 'nonce endpoint', undefined, (j) => parseNonceResponse(j))
  const proverNyms = proverNym ? [proverNym] : generateProverNyms(1)
  const commit = { ...commitWithNym({ suite: BLS12_381_SHA_256, proverNyms }), proverNyms }
  const key = await generateSigningKey('ES256')
  const proof = await createNymCommitmentProofJwt({ key, audience: ep.issuer, nonce, iat: ctx.now(), commitmentWithProof: commit.commitmentWithProof })
  const body = JSON.stringify({ credential_configuration_id: PID_BBS_CONFIGURATION_ID, proofs: { jwt: [proof] } })
  const res = await postJson(ctx, ep, ep.credentialEndpoint, 'credential endpoint', { body, accessToken }, (j) => j)
  const parsed = res as { credentials?: { credential?: unknown }[]; refresh?: unknown }
  const compact = parsed.credentials?.[0]?.credential
  if (typeof compact !== 'string' || parsed.credentials?.length !== 1) throw new EidError('issuance_failed', 'pid_bbs response must hold one credential')
  const refresh = parseRefreshOffer(parsed.refresh)
  const jpt = parseIssuedJwp(compact)
  const kid = jpt.issuerHeader.kid
  if (jpt.issuerHeader.iss !== ep.issuer || typeof kid !== 'string') throw new EidError('issued_credential_invalid', 'the BBS credential names another issuer or no key; nothing stored')
  const publicKey = await fetchBbsKey(ctx, ep.issuer, kid)
  let confirmed: ReturnType<typeof confirmPidBbs>
  try {
    confirmed = confirmPidBbs(compact, publicKey, { proverNyms: commit.proverNyms, secretProverBlind: commit.secretProverBlind })
  } catch (err) {
    if (isEidError(err)) throw new EidError('issued_credential_invalid', `the BBS credential failed verification (${err.code}); nothing stored`, { cause: err })
    throw err
  }
  const claims = Object.fromEntries(jpt.issuerHeader.claims?.map((n, i) => [n, JSON.parse(decodeUtf8(jpt.payloads[i] as Uint8Array))]) ?? [])
  if ((jpt.issuerHeader as Record<string, unknown>).vct !== vct || typeof claims.iat !== 'number' || typeof claims.exp !== 'number') {
    throw new EidError('issued_credential_invalid', 'the BBS credential has another type or no validity; nothing stored')
  }
  return {
    id: randomUUID(), format: 'dc+jpt', issuer: ep.issuer, credentialConfigurationId: PID_BBS_CONFIGURATION_ID, vct,
    issuerKid: kid, issuerPublicKey: encodeBase64url(publicKey), issuedAt: claims.iat, expiresAt: claims.exp, receivedAt: ctx.now(), jpt: compact,
    nym: {
      prover_nym: encodeBase64url(commit.proverNyms[0] as Uint8Array),
      nym_secret: encodeBase64url(confirmed.state.nymSecrets[0] as Uint8Array),
      prover_blind: encodeBase64url(confirmed.state.secretProverBlind),
    },
    refresh: { preAuthorizedCode: refresh['pre-authorized_code'], txCode: refresh.tx_code, expiresAt: refresh.expires_at, ...pick(ep) },
    shownTo: [],
  }
}

/**
 * Refreshes a BBS credential: redeems its refresh offer at the token endpoint (pre-authorized code grant)
 * and requests a new pid_bbs committing the same prover_nym, so the person's pseudonyms stay the same.
 * The returned credential keeps the old `id` and `shownTo`. `bbs_refresh_unavailable` when there is no live offer.
 */
export async function refreshBbsCredential(ctx: WalletContext, cred: StoredBbsCredential): Promise<StoredBbsCredential> {
  const r = cred.refresh
  if (!r || r.expiresAt <= ctx.now()) throw new EidError('bbs_refresh_unavailable', 'this BBS credential has no live refresh offer; accept a new offer')
  const ep: BbsEndpoints = { issuer: cred.issuer, tokenEndpoint: r.tokenEndpoint, nonceEndpoint: r.nonceEndpoint, credentialEndpoint: r.credentialEndpoint }
  const form = buildTokenRequestBody({ preAuthorizedCode: r.preAuthorizedCode, txCode: r.txCode }).toString()
  const token = await postJson(ctx, ep, ep.tokenEndpoint, 'token endpoint', { body: form, form: true }, (j) => parseTokenResponse(j).accessToken)
  const next = await requestBbsCredential(ctx, ep, token, cred.vct, decodeBase64url(cred.nym.prover_nym, 'prover_nym'))
  return { ...next, id: cred.id, shownTo: cred.shownTo }
}

function pick(ep: BbsEndpoints): Omit<BbsEndpoints, 'issuer'> {
  return { tokenEndpoint: ep.tokenEndpoint, nonceEndpoint: ep.nonceEndpoint, credentialEndpoint: ep.credentialEndpoint }
}

async function postJson<T>(
  ctx: WalletContext, ep: BbsEndpoints, url: string, what: string, req: { body: string; accessToken?: string; form?: boolean } | undefined, read: (json: unknown) => T,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (req) headers['content-type'] = req.form ? 'application/x-www-form-urlencoded' : 'application/json'
  if (req?.accessToken) headers.authorization = `Bearer ${req.accessToken}`
  const res = await fetchLimited(url, what, ctx.policy, { ...ctx.limits, maxBytes: ctx.limits.maxBytes * 4 }, {
    method: 'POST', sameOriginAs: ep.issuer, headers, ...(req ? { body: req.body } : {}),
  })
  const json = parseJsonBody(res, what, 'issuance_failed')
  if (res.status !== 200) throw new EidError('issuance_failed', `${what} refused: ${describeErrorResponse(res.status, json)}`)
  return read(json)
}

/** The issuer's BBS key `kid` (shared/trust, as the verifier resolves it), as a checked BLS12381G2 public key. */
async function fetchBbsKey(ctx: WalletContext, issuer: string, kid: string): Promise<Uint8Array> {
  const jwk = await walletIssuerKeys(ctx, [issuer]).forIssuer(issuer, { kid })
  return bbsPublicKeyFromJwk(jwk, PID_BBS_ALG)
}
