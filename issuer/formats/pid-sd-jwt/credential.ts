// pid_sd_jwt at the Credential Endpoint: proofs sharing one c_nonce, a batch of SD-JWT VCs each bound to its proof's key (OpenID4VCI 1.0 §8).
import { todayInChina } from '../../../shared/cnid/index.ts'
import { EidError } from '../../../shared/errors/index.ts'
import { parseCredentialRequest, verifyProofBatch } from '../../../shared/oid4vci/index.ts'
import type { CredentialResponse, VerifiedProof } from '../../../shared/oid4vci/index.ts'
import { PID_CONFIGURATION_ID, PID_VCT, derivePidClaims, pidDisclosureFrame } from '../../../shared/pid/index.ts'
import type { PidClaims } from '../../../shared/pid/index.ts'
import { issueSdJwtBatch } from '../../../shared/sdjwt/index.ts'
import type { IssuerDeps } from '../../deps.ts'
import { newCredentialIds } from '../../flows/credential-id.ts'
import { commitOutcome } from '../../flows/issue-batch.ts'
import { nonceToSpend } from '../../flows/nonce.ts'
import type { StatusRef } from '../../status/index.ts'
import type { AuthorizedCredentialRequest } from '../types.ts'

const DAY = 86400

/**
 * Issues one PID credential per proof. Order of checks (after the access token and the person's status,
 * issuer/flows/credential.ts): request shape and batch size, configuration id, every proof (`proof_*`), the c_nonce's origin and expiry
 * (`nonce_invalid`), then in one transaction the c_nonce's single use (`nonce_invalid`), the token's remaining credentials, the status entries and the credential records. Nothing is written unless every check passed.
 */
export async function issuePidSdJwts(deps: IssuerDeps, authorized: AuthorizedCredentialRequest): Promise<CredentialResponse> {
  const { tokenHash, now } = authorized
  const token = { personId: authorized.personId, remaining: authorized.remaining }
  const request = parseCredentialRequest(authorized.body, { maxProofs: deps.config.batchSize })
  if (request.credentialConfigurationId !== PID_CONFIGURATION_ID) {
    throw new EidError('credential_configuration_unknown', 'credential_configuration_id is not offered by this issuer')
  }
  if (request.proofJwts.length > token.remaining) {
    throw new EidError('batch_too_large', `this access token may obtain ${token.remaining} more credential(s)`)
  }
  const { nonce, proofs } = await verifyProofBatch(request.proofJwts, {
    audience: deps.config.issuerUrl,
    now,
    maxAgeSeconds: deps.config.proofMaxAgeSeconds,
  })
  const spend = nonceToSpend(deps, nonce, now) // made by this issuer and not expired; spent in the transaction below
  const person = await deps.store.getPerson(token.personId)
  if (!person) throw new EidError('access_token_invalid', 'access token no longer refers to an enrolled person')
  const claims = derivePidClaims(person, todayInChina(now * 1000))

  const iat = Math.floor(now / DAY) * DAY
  const exp = iat + deps.config.credentialValidityDays * DAY
  const { personId } = token
  const kid = deps.keys.issuing.key.kid
  const ids = newCredentialIds(proofs.length, now * 1000)
  // Indices drawn first, credentials signed with them (pure computation), then one transaction commits
  // the nonce, the token's credits, the status entries and the records; a taken index means draw and sign again.
  const credentials = await deps.status.allocate(proofs.length, async (refs) => {
    const signed = await signPids(deps, claims, proofs, { iat, exp, status: refs })
    const result = await deps.store.issueBatch({
      tokenHash,
      ...spend,
      personId,
      entries: refs.map((r, i) => ({ listId: r.listId, idx: r.idx, credentialId: ids[i] as string })),
      records: refs.map((r, i) => ({ credentialId: ids[i] as string, personId, kid, statusIdx: r.idx, statusUri: r.uri, issuedAt: now, expiresAt: exp })),
      now,
    })
    return commitOutcome(result, signed.map((credential) => ({ credential })))
  })
  return { credentials }
}

/** One PID SD-JWT VC per proof, bound to its key and carrying its status reference; the shared claims are built once. */
async function signPids(
  deps: IssuerDeps,
  claims: PidClaims,
  proofs: readonly VerifiedProof[],
  t: { iat: number; exp: number; status: readonly StatusRef[] },
): Promise<string[]> {
  const { key, cert } = deps.keys.issuing
  return issueSdJwtBatch({
    payload: { iss: deps.config.issuerUrl, iat: t.iat, exp: t.exp, vct: PID_VCT, ...claims },
    each: proofs.map((proof, i) => {
      const status = t.status[i] as StatusRef
      return { cnf: { jwk: proof.publicJwk }, status: { status_list: { idx: status.idx, uri: status.uri } } }
    }),
    frame: pidDisclosureFrame(claims),
    signer: { alg: key.alg, privateKey: key.privateKey, kid: key.kid, x5c: [cert] },
    typ: 'dc+sd-jwt',
  })
}
