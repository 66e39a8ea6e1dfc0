// pid_bbs at the Credential Endpoint (OpenID4VCI 1.0 §8 with this profile's nym commitment): one key proof carrying
// the blind commitment, the issuer verifies it and blind-signs a short-lived JPT, returning a refresh offer beside it.
import { randomUUID } from 'node:crypto'
import { todayInChina } from '../../../shared/cnid/index.ts'
import { EidError } from '../../../shared/errors/index.ts'
import { bbsNymAlgorithm, issueJwp } from '../../../shared/jwp/index.ts'
import { parseCredentialRequest, verifyProofBatch } from '../../../shared/oid4vci/index.ts'
import { PID_VCT, derivePidClaims } from '../../../shared/pid/index.ts'
import { PID_BBS_CONFIGURATION_ID, pidBbsIssuerHeader, pidBbsPayloads, readNymCommitment } from '../../../shared/pid-bbs/index.ts'
import type { RefreshOffer } from '../../../shared/pid-bbs/index.ts'
import type { IssuerDeps } from '../../deps.ts'
import { commitOutcome } from '../../flows/issue-batch.ts'
import { nonceToSpend } from '../../flows/nonce.ts'
import type { AuthorizedCredentialRequest } from '../types.ts'
import type { BbsIssuer } from './issuer.ts'
import { signerNymEntropy } from './nym-entropy.ts'
import { newRefreshOffer } from './refresh-offer.ts'

const NYM = bbsNymAlgorithm()

/** Credential Response for pid_bbs: one JPT and the refresh offer for the next one. */
export interface BbsCredentialResponse {
  credentials: [{ credential: string }]
  refresh: RefreshOffer
}

/**
 * Issues one BBS PID. Checks, in order (after the access token and person status, issuer/flows/credential.ts): request shape with exactly one proof (`credential_request_invalid`,
 * `batch_too_large`), configuration (`credential_configuration_unknown`), the key proof (`proof_*`,
 * `nonce_invalid` when it has no c_nonce), the c_nonce's origin and expiry (`nonce_invalid`), the commitment inside it (`bbs_commitment_missing`) and its
 * proof of knowledge (`bbs_commitment_invalid`, checked while blind-signing); only then one transaction spends the
 * c_nonce (`nonce_invalid` when spent before) and one credit of the token, records the credential and stores the refresh offer.
 */
export async function issueBbsCredential(deps: IssuerDeps, bbs: BbsIssuer, authorized: AuthorizedCredentialRequest): Promise<BbsCredentialResponse> {
  const { tokenHash, now } = authorized
  const token = { personId: authorized.personId, remaining: authorized.remaining }
  // Parsed against the issuer's batch size (batch_not_supported at a no-batch issuer); pid_bbs itself takes one proof.
  const request = parseCredentialRequest(authorized.body, { maxProofs: deps.config.batchSize })
  if (request.credentialConfigurationId !== PID_BBS_CONFIGURATION_ID) {
    throw new EidError('credential_configuration_unknown', 'credential_configuration_id is not pid_bbs')
  }
  if (request.proofJwts.length > 1) throw new EidError('batch_too_large', 'pid_bbs takes exactly one proof')
  if (token.remaining < 1) throw new EidError('batch_too_large', 'this access token may obtain no more credentials')
  const { nonce } = await verifyProofBatch(request.proofJwts, { audience: deps.config.issuerUrl, now, maxAgeSeconds: deps.config.proofMaxAgeSeconds })
  const spend = nonceToSpend(deps, nonce, now) // made by this issuer and not expired; spent in the transaction below
  const commitmentWithProof = readNymCommitment(request.proofJwts[0] as string)
  const person = await deps.store.getPerson(token.personId)
  if (!person) throw new EidError('access_token_invalid', 'access token no longer refers to an enrolled person')
  const claims = derivePidClaims(person, todayInChina(now * 1000))
  // exp (always disclosed) only says in which rounding period the credential was issued; iat stays hidden
  const round = bbs.config.expiryRoundingSeconds
  const iat = Math.floor(now / round) * round
  // Capped to the revocation window: a revoked person (refused at refresh) is out within it.
  const exp = Math.min(Math.ceil((now + bbs.config.validitySeconds) / round) * round, Math.floor((now + bbs.config.revocationWindowSeconds) / round) * round)
  // Pure computation first (verifies the commitment's proof of knowledge); the single-use values are spent after.
  const { compact } = issueJwp(NYM, {
    header: pidBbsIssuerHeader({ issuer: deps.config.issuerUrl, kid: bbs.key.kid, vct: PID_VCT }),
    payloads: pidBbsPayloads(claims, { iat, exp }),
    keys: { secretKey: bbs.key.secretKey, publicKey: bbs.key.publicKey },
    extra: { commitmentWithProof, signerNymEntropy: signerNymEntropy(bbs.key.nymEntropyKey, token.personId) },
  })
  // One transaction: the c_nonce, one credit of the token, the credential record and the refresh offer.
  const { refresh, offer } = newRefreshOffer(deps, bbs, now)
  const result = await deps.store.issueBatch({
    tokenHash,
    ...spend,
    personId: token.personId,
    entries: [],
    records: [{ credentialId: randomUUID(), personId: token.personId, kid: bbs.key.kid, statusIdx: null, statusUri: null, issuedAt: now, expiresAt: exp }],
    offer,
    now,
  })
  commitOutcome(result, undefined) // no status entries, so never `taken`
  return { credentials: [{ credential: compact }], refresh }
}
