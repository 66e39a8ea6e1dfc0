// `npm run demo` (tsx scripts/demo.ts) runs the whole flow unattended and exits 0, printing a decoded transcript,
// including the BBS section (pseudonymous presentations; what revocation does to them, step by step).
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('npm run demo', () => {
  it('exits 0 and prints every step, decoded tokens and disclosures, and the expected outcomes', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/demo.ts'], { cwd: ROOT, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 55_000, maxBuffer: 16 * 1024 * 1024 }, (error, out) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out })
      })
    })
    expect(code, stdout.slice(-2000)).toBe(0)
    expect(stdout).toContain('shows claim values (names, the ID number) ON PURPOSE')
    for (const s of [
      'wallet → POST', // OpenID4VCI and direct_post by the wallet
      'JWT (oauth-authz-req+jwt)', // request object decoded
      'JWT (rc-wrp+jwt)', // registration certificate decoded
      'SD-JWT VC (1 disclosure, with KB-JWT)', // the age_over_18 presentation
      '"age_over_18",true] → ["age_over_18"]', // its disclosure decoded
      'key binding JWT payload:',
      'CWT (application/statuslist+cwt)', // the status list token the verifier fetched, decoded
      'status list: 100000 entries of 2 bits',
      'What the person is shown before anything leaves the wallet:',
      '│     - Aged 18 or over: Yes', // the wallet CLI's consent text: the issuer's label, not the claim key
      '│ Share this? [y/N] y',
      'error [claim_not_registered]',
      'error [x5c_untrusted]',
      'Demo finished: 18 checks passed',
    ]) expect(stdout).toContain(s)
    // the BBS section: pseudonymous presentations, then exactly what revocation does to them, in this order
    const bbs = [
      '✓ Wine Shop learned exactly { age_over_18: true, pseudonym }',
      '✓ Wine Shop recognises the returning person by the same pseudonym; the two proofs differ',
      'It has no status-list entry',
      '✓ Wine Shop gets { status: rejected, error: credential_revoked } and no claims',
      '✓ the revoked person\'s BBS presentation STILL VERIFIES: revocation does not reach a BBS credential before its exp',
      'error [issuance_failed]: credential endpoint refused: HTTP 400 credential_request_denied',
      '✓ the issuer refuses to renew it (credential_request_denied)',
      'error [bbs_credential_expired]',
      '✓ the wallet refuses (bbs_credential_expired) and sends nothing',
      '✓ Wine Shop\'s verifier rejects it: { status: rejected, error: credential_expired }, no claims',
      'BBS presentations still verify until the credential\'s exp (at most 24 h after its issuance',
    ]
    let at = 0
    for (const s of bbs) {
      const i = stdout.indexOf(s, at)
      expect(i, s).toBeGreaterThanOrEqual(0)
      at = i + s.length
    }
  }, 60_000)
})
