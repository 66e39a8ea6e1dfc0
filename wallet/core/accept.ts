// `accept`: OpenID4VCI 1.0 pre-authorized code flow with batch issuance, one fresh holder key per credential.
import { randomUUID } from 'node:crypto'
import { EidError, isEidError } from '../../shared/errors/index.ts'
import { exportSigningKey, generateSigningKey, jwkThumbprint } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import {
  buildCredentialRequestBody,
  buildTokenRequestBody,
  checkTxCode,
  createProofJwt,
  describeErrorResponse,
  parseAuthorizationServerMetadata,
  parseCredentialOffer,
  parseCredentialOfferUri,
  parseCredentialResponse,
  parseIssuerMetadata,
  parseNonceResponse,
  parseTokenResponse,
  selectConfiguration,
  wellKnownUrl,
  PRE_AUTHORIZED_CODE_GRANT,
} from '../../shared/oid4vci/index.ts'
import type { CredentialOffer, HolderIssuerMetadata, HolderTokenResponse } from '../../shared/oid4vci/index.ts'
import { verifySdJwt } from '../../shared/sdjwt/index.ts'
import { pruneSpentCopies } from './prune.ts'
import type { WalletContext } from './context.ts'
import { fetchLimited, parseJsonBody } from './fetch-limited.ts'
import { walletIssuerKeys } from './issuer-keys.ts'
import type { IssuerKeyResolver } from './issuer-keys.ts'
import type { SdJwtRefresh, StoredCredential } from './state.ts'
import { keepRefreshToken } from './top-up-state.ts'
import { acceptBbsIfOffered } from './bbs/wallet-state.ts'
import { issuerDisplayFrom } from './issuer-display.ts'
import type { IssuerDisplay } from './issuer-display.ts'
import { rememberProverNym } from './bbs/prover-nym.ts'
import { issuerTrust } from './trusted-issuers.ts'
import { checkUrl } from './url-policy.ts'

const HOLDER_ALG = 'ES256'

export interface AcceptOptions {
  /** The transaction code delivered out of band, when the offer asks for one. */
  txCode?: string
  /** Overrides the configured batch size for this offer. */
  batchSize?: number
}

export interface AcceptResult {
  issuer: string
  /** One entry per offered credential configuration. */
  batches: { batchId: string; credentialConfigurationId: string; format: 'dc+sd-jwt' | 'dc+jpt'; vct: string; count: number; expiresAt: number | undefined }[]
}

/**
 * Accepts a credential offer: metadata, token (pre-authorized code + tx_code), nonce, and one
 * Credential Request per offered configuration carrying a batch of proofs, each by a fresh holder
 * key. Every credential received is verified against the issuer's JWKS and bound to one of the
 * keys before anything is stored; the batch is stored all or nothing.
 */
export async function acceptOffer(ctx: WalletContext, offerUri: string, opts: AcceptOptions = {}): Promise<AcceptResult> {
  const offer = await resolveOffer(ctx, offerUri)
  const issuer = offer.credential_issuer
  checkUrl(issuer, ctx.policy, 'credential_issuer')
  const trust = await issuerTrust(ctx, issuer)
  const txCode = checkTxCode(offer, opts.txCode)
  const { md, display } = await fetchIssuerMetadata(ctx, issuer)
  const configs = usableConfigurations(md, offer.credential_configuration_ids)
  const tokenEndpoint = await fetchTokenEndpoint(ctx, issuer, md)
  const tokenResponse = await requestToken(ctx, issuer, tokenEndpoint, offer.grants[PRE_AUTHORIZED_CODE_GRANT]['pre-authorized_code'], txCode)
  const accessToken = tokenResponse.accessToken
  const resolveKey = walletIssuerKeys(ctx, [trust])
  await resolveKey.publishedKeys(issuer) // an issuer without usable keys fails here, before any credential is requested
  const wanted = Math.max(1, Math.min(opts.batchSize ?? ctx.batchSize, 1000))
  const batchSize = Math.min(wanted, md.batch_credential_issuance?.batch_size ?? 1)

  const received: StoredCredential[] = []
  const batches: AcceptResult['batches'] = []
  for (const { id, config } of configs) {
    const nonce = md.nonce_endpoint === undefined ? undefined : await requestNonce(ctx, issuer, md.nonce_endpoint)
    const keys = await Promise.all(Array.from({ length: batchSize }, () => generateSigningKey(HOLDER_ALG)))
    const iat = ctx.now()
    const proofJwts = await Promise.all(keys.map((key) => createProofJwt({ key, audience: issuer, iat, ...(nonce === undefined ? {} : { nonce }) })))
    const credentials = await requestCredentials(ctx, issuer, md.credential_endpoint, accessToken, id, proofJwts, batchSize)
    const batchId = randomUUID()
    const stored = await verifyAndBind(ctx, { credentials, keys, issuer, vct: config.vct, resolveKey, batchId, configId: id })
    received.push(...stored)
    batches.push({ batchId, credentialConfigurationId: id, format: 'dc+sd-jwt', vct: config.vct, count: stored.length, expiresAt: stored[0]?.expiresAt })
  }
  const bbs = await acceptBbsIfOffered(ctx, { offeredIds: offer.credential_configuration_ids, md, issuer, tokenEndpoint, accessToken })
  if (bbs) batches.push({ batchId: bbs.id, credentialConfigurationId: bbs.credentialConfigurationId, format: bbs.format, vct: bbs.vct, count: 1, expiresAt: bbs.expiresAt })
  const sdJwt = batches.find((b) => b.format === 'dc+sd-jwt')
  const refresh: SdJwtRefresh | undefined = tokenResponse.refreshToken === undefined || sdJwt === undefined ? undefined : {
    issuer,
    credentialConfigurationId: sdJwt.credentialConfigurationId,
    vct: sdJwt.vct,
    token: tokenResponse.refreshToken,
    ...(tokenResponse.refreshTokenExpiresIn !== undefined ? { expiresAt: ctx.now() + tokenResponse.refreshTokenExpiresIn } : {}),
    tokenEndpoint,
    ...(md.nonce_endpoint !== undefined ? { nonceEndpoint: md.nonce_endpoint } : {}),
    credentialEndpoint: md.credential_endpoint,
    batchSize,
  }
  await ctx.store.update((state) => {
    state.credentials.push(...received)
    pruneSpentCopies(state, ctx.sdJwtPolicy, ctx.now())
    if (refresh) keepRefreshToken(state, refresh)
    if (bbs) {
      ;(state.bbsCredentials ??= []).push(bbs)
      rememberProverNym(state, bbs.issuer, bbs.nym.prover_nym)
    }
    ;(state.issuerDisplays ??= {})[issuer] = display
  })
  return { issuer, batches }
}

/**
 * The offered configurations this wallet can hold (SD-JWT VC, jwt proofs with ES256); others (e.g.
 * a JWP/BBS credential in the same offer) are skipped. None usable: the first one's
 * `issuer_metadata_invalid` error.
 */
function usableConfigurations(md: HolderIssuerMetadata, ids: string[]): { id: string; config: ReturnType<typeof selectConfiguration> }[] {
  const usable: { id: string; config: ReturnType<typeof selectConfiguration> }[] = []
  let firstError: unknown
  for (const id of ids) {
    try {
      usable.push({ id, config: selectConfiguration(md, id, HOLDER_ALG) })
    } catch (err) {
      if (!isEidError(err)) throw err
      firstError ??= err
    }
  }
  if (usable.length === 0) throw firstError
  return usable
}

async function resolveOffer(ctx: WalletContext, offerUri: string): Promise<CredentialOffer> {
  const parsed = parseCredentialOfferUri(offerUri)
  if (parsed.offer !== undefined) return parsed.offer
  const res = await fetchLimited(parsed.offerUri, 'credential_offer_uri', ctx.policy, ctx.limits, { headers: { accept: 'application/json' } })
  if (res.status !== 200) throw new EidError('credential_offer_invalid', `credential_offer_uri: HTTP ${res.status}`)
  return parseCredentialOffer(parseJsonBody(res, 'credential_offer_uri', 'upstream_fetch_failed'))
}

async function fetchIssuerMetadata(ctx: WalletContext, issuer: string): Promise<{ md: HolderIssuerMetadata; display: IssuerDisplay }> {
  const res = await fetchLimited(wellKnownUrl(issuer, 'openid-credential-issuer'), 'credential issuer metadata', ctx.policy, ctx.limits, {
    sameOriginAs: issuer,
    headers: { accept: 'application/json' },
  })
  if (res.status !== 200) throw new EidError('issuer_metadata_invalid', `credential issuer metadata: HTTP ${res.status}`)
  const json = parseJsonBody(res, 'credential issuer metadata', 'issuer_metadata_invalid')
  const md = parseIssuerMetadata(json, issuer)
  for (const [what, url] of [['credential_endpoint', md.credential_endpoint], ['nonce_endpoint', md.nonce_endpoint]] as const) {
    if (url !== undefined) checkUrl(url, ctx.policy, what, issuer)
  }
  return { md, display: issuerDisplayFrom(json) }
}

async function fetchTokenEndpoint(ctx: WalletContext, issuer: string, md: HolderIssuerMetadata): Promise<string> {
  const as = md.authorization_servers?.[0] ?? issuer
  checkUrl(as, ctx.policy, 'authorization server', issuer)
  const res = await fetchLimited(wellKnownUrl(as, 'oauth-authorization-server'), 'authorization server metadata', ctx.policy, ctx.limits, {
    sameOriginAs: issuer,
  })
  if (res.status !== 200) throw new EidError('issuer_metadata_invalid', `authorization server metadata: HTTP ${res.status}`)
  const asMd = parseAuthorizationServerMetadata(parseJsonBody(res, 'authorization server metadata', 'issuer_metadata_invalid'), as)
  checkUrl(asMd.token_endpoint, ctx.policy, 'token_endpoint', issuer)
  return asMd.token_endpoint
}

async function requestToken(ctx: WalletContext, issuer: string, endpoint: string, code: string, txCode: string | undefined): Promise<HolderTokenResponse> {
  const res = await fetchLimited(endpoint, 'token endpoint', ctx.policy, ctx.limits, {
    method: 'POST',
    sameOriginAs: issuer,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: buildTokenRequestBody({ preAuthorizedCode: code, ...(txCode === undefined ? {} : { txCode }) }).toString(),
  })
  const json = parseJsonBody(res, 'token endpoint', 'issuance_failed')
  if (res.status !== 200) throw new EidError('issuance_failed', `token request refused: ${describeErrorResponse(res.status, json)}`)
  return parseTokenResponse(json)
}

/** A c_nonce from the issuer's nonce endpoint. */
export async function requestNonce(ctx: WalletContext, issuer: string, endpoint: string): Promise<string> {
  const res = await fetchLimited(endpoint, 'nonce endpoint', ctx.policy, ctx.limits, { method: 'POST', sameOriginAs: issuer })
  const json = parseJsonBody(res, 'nonce endpoint', 'issuance_failed')
  if (res.status !== 200) throw new EidError('issuance_failed', `nonce request refused: ${describeErrorResponse(res.status, json)}`)
  return parseNonceResponse(json)
}

/** The credentials of one Credential Request with `proofJwts` (exactly `expected` of them). */
export async function requestCredentials(
  ctx: WalletContext,
  issuer: string,
  endpoint: string,
  accessToken: string,
  configId: string,
  proofJwts: string[],
  expected: number,
): Promise<string[]> {
  const res = await fetchLimited(endpoint, 'credential endpoint', ctx.policy, { ...ctx.limits, maxBytes: ctx.limits.maxBytes * 4 }, {
    method: 'POST',
    sameOriginAs: issuer,
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(buildCredentialRequestBody({ credentialConfigurationId: configId, proofJwts })),
  })
  const json = parseJsonBody(res, 'credential endpoint', 'issuance_failed')
  if (res.status !== 200) throw new EidError('issuance_failed', `credential request refused: ${describeErrorResponse(res.status, json)}`)
  return parseCredentialResponse(json, expected)
}

export interface BindInput {
  credentials: string[]
  keys: SigningKey[]
  issuer: string
  vct: string
  resolveKey: IssuerKeyResolver
  batchId: string
  configId: string
}

/** Verifies each credential (signature, typ, vct, validity, no KB-JWT) and pairs it with the holder key its `cnf.jwk` names. */
export async function verifyAndBind(ctx: WalletContext, input: BindInput): Promise<StoredCredential[]> {
  const byThumbprint = new Map<string, SigningKey>()
  for (const key of input.keys) byThumbprint.set(await jwkThumbprint(key.publicJwk), key)
  const now = ctx.now()
  const out: StoredCredential[] = []
  for (const [i, credential] of input.credentials.entries()) {
    let claims: Record<string, unknown>
    try {
      ;({ claims } = await verifySdJwt(credential, { now, resolveIssuerKey: (h, p) => input.resolveKey.forCredential(h, p), keyBinding: false, expectedVct: input.vct }))
    } catch (err) {
      if (isEidError(err)) throw new EidError('issued_credential_invalid', `credential ${i + 1} failed verification (${err.code}); nothing stored`, { cause: err })
      throw err
    }
    if (claims.iss !== input.issuer) throw new EidError('issued_credential_invalid', `credential ${i + 1} names another issuer; nothing stored`)
    const cnf = claims.cnf as { jwk?: Record<string, unknown> } | undefined
    const thumb = cnf?.jwk === undefined ? undefined : await jwkThumbprint(cnf.jwk as Parameters<typeof jwkThumbprint>[0]).catch(() => undefined)
    const key = thumb === undefined ? undefined : byThumbprint.get(thumb)
    if (key === undefined || thumb === undefined) {
      throw new EidError('issued_credential_invalid', `credential ${i + 1} is not bound to a key of this request (or twice to one); nothing stored`)
    }
    byThumbprint.delete(thumb)
    out.push({
      id: randomUUID(),
      batchId: input.batchId,
      format: 'dc+sd-jwt',
      issuer: input.issuer,
      credentialConfigurationId: input.configId,
      vct: input.vct,
      ...(typeof claims.iat === 'number' ? { issuedAt: Math.floor(claims.iat) } : {}),
      ...(typeof claims.exp === 'number' ? { expiresAt: Math.floor(claims.exp) } : {}),
      receivedAt: now,
      sdJwt: credential,
      holderKey: { alg: key.alg, privateJwk: { ...(await exportSigningKey(key)) } },
      shownTo: [],
    })
  }
  return out
}
