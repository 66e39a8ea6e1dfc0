// Claims that must never be selectively disclosable (draft-ietf-oauth-sd-jwt-vc §3.2.2; RFC 9901 §4.1 for cnf and _sd_alg).
/** Top-level claims that must appear in the clear: iss, nbf, iat, exp, cnf, vct, vct#integrity, status. */
export const NON_DISCLOSABLE_CLAIMS: ReadonlySet<string> = new Set(['iss', 'nbf', 'iat', 'exp', 'cnf', 'vct', 'vct#integrity', 'status', '_sd_alg'])
