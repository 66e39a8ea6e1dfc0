// Identifiers of the BBS PID profile (docs/protocol/bbs-flow.md): configuration id, DCQL format, JPT claim layout.
import { AGE_THRESHOLDS } from '../pid/index.ts'

/** OpenID4VCI credential configuration id of the BBS PID (a JSON Proof Token, JWP issued form). */
export const PID_BBS_CONFIGURATION_ID = 'pid_bbs'
/** Credential format identifier (OpenID4VCI metadata and DCQL `format`) of a JPT under this profile. */
export const JPT_FORMAT = 'dc+jpt'
/** The JSON Proof Algorithm of the BBS PID: blind issuance of the holder's nym secret, per-verifier pseudonyms. */
export const PID_BBS_ALG = 'BBS-NYM'
/** Issuer Header `typ` (JPT §3, application/jpt). */
export const PID_BBS_TYP = 'jpt'
/** Proof JWT payload member carrying the blind nym commitment (base64url of 144 octets). */
export const NYM_COMMITMENT_CLAIM = 'bbs_nym_commitment'
/** Credential Response member carrying the refresh offer of a BBS credential. */
export const REFRESH_MEMBER = 'refresh'

/**
 * The fixed slot layout of every BBS PID: `iat`, `exp`, then the PID claims of `pid_sd_jwt`. Every slot
 * is always present (an absent `address` is `null`), so all issued JPTs of one key look alike.
 */
export const PID_BBS_CLAIMS: readonly string[] = [
  'iat', 'exp',
  'given_name', 'family_name', 'birthdate', 'birth_year', 'sex', 'nationality', 'address', 'region',
  ...AGE_THRESHOLDS.map((n) => `age_over_${n}`),
  'national_id',
]

/** Claims a presentation always discloses whatever the query: the verifier needs `exp` to check validity. */
export const ALWAYS_DISCLOSED: readonly string[] = ['exp']
