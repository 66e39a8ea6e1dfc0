// `npm run demo` (tsx scripts/demo.ts) runs the whole flow unattended and exits 0, printing a decoded transcript.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('npm run demo', () => {
  it('exits 0 and prints every step, decoded tokens and disclosures, and the expected outcomes', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/demo.ts'], { cwd: ROOT, timeout: 55_000, maxBuffer: 16 * 1024 * 1024 }, (error, out) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out })
      })
    })
    expect(code, stdout.slice(-2000)).toBe(0)
    expect(stdout).toContain('shows claim values (names, the ID number) ON PURPOSE')
    for (const s of [
      'wallet → POST', // OpenID4VCI and direct_post by the wallet
      'JWT (oauth-authz-req+jwt)', // request object decoded
      'JWT (rc-rp+jwt)', // registration certificate decoded
      'SD-JWT VC (1 disclosure, with KB-JWT)', // the age_over_18 presentation
      '"age_over_18",true] → ["age_over_18"]', // its disclosure decoded
      'key binding JWT payload:',
      'JWT (statuslist+jwt)',
      'What the person is shown before anything leaves the wallet:',
      'error [claim_not_registered]',
      'error [x5c_untrusted]',
      'Demo finished: 10 checks passed',
    ]) expect(stdout).toContain(s)
  }, 60_000)
})
