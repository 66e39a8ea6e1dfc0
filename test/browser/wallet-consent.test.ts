// The wallet's consent page in a real browser (Debian's Chromium driven by playwright-core): the real issuer, a real
// verifier for a registered service and the wallet web app on 127.0.0.1 ephemeral ports. The person accepts an offer
// on the home page, opens the service's same-device link, sees who asks, why, and exactly the one requested claim
// (no other value of the credential), and shares or declines; the verifier's result follows. A request beyond the
// registration shows the refusal on the page and nothing is sent. Skips with a message when Chromium is absent.
// Screenshots go to a temp folder (printed) for a person to look at.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PID_VCT } from '../../shared/pid/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { openPort } from '../../shared/http-server/index.ts'
import type { OpenPort } from '../../shared/http-server/index.ts'
import { startRogueService } from '../../scripts/lib/rogue-service.ts'
import type { RogueService } from '../../scripts/lib/rogue-service.ts'
import { createWalletApp } from '../../wallet/app.ts'
import type { WalletApp } from '../../wallet/app.ts'
import { ADMIN_TOKEN, capturedLogger, startFlow } from '../e2e/flow-fixtures.ts'
import type { Flow } from '../e2e/flow-fixtures.ts'

const CHROMIUM = '/usr/bin/chromium'
const present = existsSync(CHROMIUM)
if (!present) console.log(`browser tests skipped: ${CHROMIUM} is absent (install Debian's chromium: apt-get install chromium)`)

const SHOP = { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] }

let flow: Flow
let walletApp: WalletApp
let walletHttp: OpenPort
let rogue: RogueService
let context: BrowserContext
let page: Page
let profileDir = ''
let shotDir = ''

const shop = () => {
  const s = flow.services.shop
  if (!s) throw new Error('no shop')
  return s
}

/** The wallet's same-device URL for an `openid4vp://` request: its query moved onto `/authorize`. */
const authorizeUrl = (openid4vp: string): string => `${walletHttp.url}/authorize${new URL(openid4vp).search}`

const shot = (name: string) => page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true })

describe.skipIf(!present)('wallet consent page in Chromium', () => {
  beforeAll(async () => {
    flow = await startFlow({ shop: SHOP })
    walletApp = await createWalletApp({
      dir: join(flow.root, 'web-wallet'),
      passphrase: 'browser test passphrase',
      trustedRegistrar: flow.issuer.registrarRootUrl,
      allowHttpHosts: ['127.0.0.1'],
      now: flow.clock.now,
      logger: capturedLogger([]),
    })
    walletHttp = await openPort('127.0.0.1', 0)
    walletHttp.serve(walletApp.app)
    rogue = await startRogueService()
    profileDir = await mkdtemp(join(tmpdir(), 'eid-chromium-profile-'))
    shotDir = await mkdtemp(join(tmpdir(), 'eid-wallet-screens-'))
    console.log(`wallet page screenshots: ${shotDir}`)
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1000, height: 800 },
      timeout: 15_000,
    })
    context.setDefaultTimeout(10_000)
    page = context.pages()[0] ?? (await context.newPage())

    // The person accepts a fresh offer for themselves on the wallet's home page.
    const enrollment = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, flow.person)
    await page.goto(`${walletHttp.url}/`)
    await page.getByLabel('Accept a credential offer').fill(enrollment.credential_offer_uri)
    await page.getByLabel('Transaction code').fill(enrollment.tx_code)
    await page.getByRole('button', { name: 'Accept offer' }).click()
    await page.getByRole('heading', { name: 'Credential accepted' }).waitFor()
    await shot('0-credential-accepted')
    await page.goto(`${walletHttp.url}/`)
    await shot('1-home')
    // The batch is one row (its copies exist for unlinkability, not as separate credentials).
    expect(await page.locator('table#credentials').locator('tr').count()).toBe(2)
    expect(await page.locator('body').innerText()).toContain('10 copies')
    // The issuer also offers the BBS PID: it is listed on its own, with its claims, as unlinkable.
    const bbs = await page.locator('table#bbs-credentials').innerText()
    expect(bbs).toContain('age_over_18: true')
    expect(bbs).toContain('fresh proof')
  }, 30_000)

  afterAll(async () => {
    await context?.close()
    await rogue?.close()
    await walletHttp?.close()
    await walletApp?.close()
    await flow?.close()
    if (profileDir) await rm(profileDir, { recursive: true, force: true })
  })

  it('shows who asks, why and exactly age_over_18; Share gets the verifier { age_over_18: true }', async () => {
    const p = await flow.ask('shop', { preset: 'age_over_18' })
    await page.goto(authorizeUrl(p.authorization_request))
    await expect.poll(() => page.title()).toBe(`${SHOP.name} asks for your data`)
    const text = await page.locator('body').innerText()
    await shot('2-consent')
    expect(text).toContain(SHOP.name)
    expect(text).toContain(SHOP.purpose)
    const items = await page.locator('ul.claims li').allInnerTexts()
    expect(items).toEqual(['age_over_18: true'])
    // Whether the service may ask for it, and where the value comes from.
    expect(text).toContain(`The registrar allows ${SHOP.name} to ask for: age_over_18. This request stays within that.`)
    expect(text).toContain(`issued by ${flow.issuer.url}`)
    // Nothing else of the credential is on the page: no ID number (nor its birthdate digits), no names.
    for (const secret of [flow.person.national_id, flow.person.national_id.slice(6, 14), flow.person.given_name, flow.person.family_name]) {
      expect(text).not.toContain(secret)
    }
    expect(await flow.result('shop', p.id)).toEqual({ status: 'pending' })

    await page.getByRole('button', { name: 'Share' }).click()
    await page.getByText(`Sent to ${SHOP.name}: age_over_18.`).waitFor()
    await shot('3-shared')
    expect(await flow.result('shop', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
    await page.goto(`${walletHttp.url}/`)
    const history = await page.locator('table#history').locator('tr').nth(1).innerText()
    expect(history).toContain(SHOP.name)
    expect(history).toContain('sent')
  })

  it('Decline tells the service no: the verifier result is rejected, nothing disclosed', async () => {
    const p = await flow.ask('shop', { preset: 'age_over_18' })
    await page.goto(authorizeUrl(p.authorization_request))
    await page.getByRole('button', { name: 'Decline' }).click()
    await page.getByText('Nothing was disclosed').waitFor()
    await shot('4-declined')
    const r = await flow.result('shop', p.id)
    expect(r.status).toBe('rejected')
    expect(r.claims).toBeUndefined()
  })

  it('a request beyond the registration (national_id, signed with the shop\'s key) is refused on the page; nothing sent', async () => {
    const query = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }
    const uri = await rogue.request({ ...shop().rp.credentials, clientId: shop().clientId }, query, flow.clock.now())
    const response = await page.goto(authorizeUrl(uri))
    expect(response?.status()).toBe(403)
    const text = await page.locator('body').innerText()
    await shot('5-over-asking-refused')
    expect(text).toContain('The service asked for data the registrar does not allow it to ask for. The wallet refused the request and sent nothing.')
    expect(text).toContain('claim_not_registered')
    expect(text).toContain('national_id')
    expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0)
    expect(text).not.toContain(flow.person.national_id)
    expect(rogue.posted).toEqual([])
  })
})
