// The wallet web app in a real browser (Debian's Chromium driven by playwright-core), in zh-CN and in English: the
// real issuer, a real verifier for a registered service and the wallet app on 127.0.0.1 ephemeral ports. The person
// unlocks the wallet, scans the issuer's offer QR code with the camera (Chromium's fake camera playing a Y4M made from
// the QR code), sees a card with the issuer's localized names (no claim keys, no urn: identifiers, the ID number
// masked), scans the service's request QR code, reads the consent page and shares; the verifier reads `verified`. A
// link from another site shows the lock screen first, then the consent; declining tells the service no. An
// over-asking request is refused. At 390x844 the home, card, consent and history pages do not scroll sideways, and
// axe-core finds no serious or critical violation on them. A PNG of a request QR code works as an uploaded picture.
// Skips with a message when Chromium is absent. Screenshots go to a temp folder (printed) for a person to look at.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PID_VCT } from '../../shared/pid/index.ts'
import { openPort } from '../../shared/http-server/index.ts'
import type { OpenPort } from '../../shared/http-server/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { startRogueService } from '../../scripts/lib/rogue-service.ts'
import type { RogueService } from '../../scripts/lib/rogue-service.ts'
import { createWalletApp } from '../../wallet/app.ts'
import type { WalletApp } from '../../wallet/app.ts'
import { ADMIN_TOKEN, capturedLogger, startFlow } from '../e2e/flow-fixtures.ts'
import type { Flow } from '../e2e/flow-fixtures.ts'
import { chromiumPresent, launchChromium } from '../support/chromium.ts'
import { qrPng, qrY4m } from '../support/qr-video.ts'

const present = chromiumPresent('browser tests')

const PASSPHRASE = 'browser test passphrase'
const SHOP = { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] }
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The page texts each language must show (from wallet/i18n and the issuer's metadata). */
const TEXT = {
  'zh-CN': { unlock: '解锁钱包', cards: '我的证件', pid: '居民身份凭证', over18: '已满18周岁', yes: '是', sex: '性别', accepted: '已添加证件', asks: `${SHOP.name} 请求您的信息`, shared: `已发送给 ${SHOP.name}：已满18周岁。`, declined: '没有发送任何信息', refused: '登记机构不允许其请求', idNumber: '公民身份号码', sent: '已发送', declinedOutcome: '已拒绝', refusedOutcome: '已阻止', pending: '有服务请求您的信息' },
  en: { unlock: 'Unlock your wallet', cards: 'Your cards', pid: 'Personal identity credential', over18: 'Aged 18 or over', yes: 'Yes', sex: 'Sex', accepted: 'Credential added', asks: `${SHOP.name} asks for your data`, shared: `Sent to ${SHOP.name}: Aged 18 or over.`, declined: 'Nothing was disclosed', refused: 'the registrar does not allow it to ask for', idNumber: 'National ID number', sent: 'Sent', declinedOutcome: 'Declined', refusedOutcome: 'Refused', pending: 'A service is asking for your data' },
} as const
type Lang = keyof typeof TEXT

let flow: Flow
let rogue: RogueService
let shotDir = ''
let videoFile = ''
let linkSite: { url: string; server: Server; target: string }
const cleanups: (() => Promise<void>)[] = []

const shop = () => {
  const s = flow.services.shop
  if (!s) throw new Error('no shop')
  return s
}

/**
 * Another site's page with a link to the wallet's same-device URL: served as `localhost` while the wallet is
 * `127.0.0.1`, a different site, so following the link is a cross-site navigation (no SameSite=Strict cookie).
 */
function startLinkSite(): Promise<typeof linkSite> {
  const site = { url: '', server: createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<a id="go" href="${site.target}">Continue in your wallet</a>`)), target: '' }
  return new Promise((resolve) => site.server.listen(0, '127.0.0.1', () => resolve(Object.assign(site, { url: `http://localhost:${(site.server.address() as AddressInfo).port}/` }))))
}

interface Browser {
  lang: Lang
  wallet: WalletApp
  http: OpenPort
  context: BrowserContext
  page: Page
  cspViolations: string[]
}

async function openBrowser(lang: Lang, tag: string): Promise<Browser> {
  const wallet = await createWalletApp({
    dir: join(flow.root, `web-wallet-${lang}-${tag}`),
    passphrase: PASSPHRASE,
    trustedRegistrar: flow.issuer.registrarRootUrl,
    trustedIssuers: [flow.issuer.url],
    allowHttpHosts: ['127.0.0.1'],
    now: flow.clock.now,
    kdf: { N: 1024, r: 8, p: 1 },
    logger: capturedLogger([]),
  })
  const http = await openPort('127.0.0.1', 0)
  http.serve(wallet.app)
  const { context, close } = await launchChromium({ lang, width: 1000, height: 800, videoFile })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const cspViolations: string[] = []
  page.on('console', (m) => void (m.text().includes('Content Security Policy') && cspViolations.push(m.text())))
  cleanups.push(async () => {
    await close()
    await http.close()
    await wallet.close()
  })
  return { lang, wallet, http, context, page, cspViolations }
}

const shot = (b: Browser, name: string) => b.page.screenshot({ path: join(shotDir, `${b.lang}-${name}.png`), fullPage: true })
const bodyText = (b: Browser) => b.page.locator('body').innerText()

/** Scans `text` with the (fake) camera on the scan page. */
async function scanWithCamera(b: Browser, text: string): Promise<void> {
  await writeFile(videoFile, qrY4m(text))
  await b.page.goto(`${b.http.url}/scan`)
  await b.page.locator('#scan-start').click()
}

/** No raw claim keys, no `urn:` identifiers, no JSON on a page. */
async function expectForPeople(b: Browser): Promise<void> {
  const text = await bodyText(b)
  expect(text).not.toContain('urn:')
  for (const key of ['age_over_18', 'national_id', 'given_name', 'birthdate', 'nationality', 'vct', '{"']) expect(text, key).not.toContain(key)
}

async function expectNoSidewaysScroll(b: Browser, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = (await b.page.evaluate('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })')) as { scrollWidth: number; innerWidth: number }
  expect(scrollWidth, `${b.lang} ${what}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`).toBeLessThanOrEqual(innerWidth)
}

async function expectAccessible(b: Browser, what: string): Promise<void> {
  // page.evaluate runs over the DevTools protocol, which the page's CSP does not govern
  await b.page.evaluate(AXE)
  const violations = (await b.page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })))`)) as { id: string; impact: string; targets: string[] }[]
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `${b.lang} ${what}`).toEqual([])
}

describe.skipIf(!present)('wallet web app in Chromium', () => {
  beforeAll(async () => {
    flow = await startFlow({ shop: SHOP })
    rogue = await startRogueService()
    linkSite = await startLinkSite()
    shotDir = await mkdtemp(join(tmpdir(), 'eid-wallet-screens-'))
    videoFile = join(shotDir, 'camera.y4m')
    await writeFile(videoFile, qrY4m('nothing yet'))
    console.log(`wallet page screenshots: ${shotDir}`)
  }, 60_000)

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
    await new Promise<void>((resolve) => (linkSite ? linkSite.server.close(() => resolve()) : resolve()))
    await rogue?.close()
    await flow?.close()
  })

  it.each(['zh-CN', 'en'] as const)('%s: unlock, scan an offer, cards, scan a request, consent, share; a link from another site waits behind the lock; decline; over-asking refused', async (lang) => {
    const t = TEXT[lang]
    const b = await openBrowser(lang, 'flow')
    const { page } = b

    // Locked: the lock screen in the browser's language.
    const locked = await page.goto(`${b.http.url}/`)
    expect(locked?.status()).toBe(401)
    expect(await page.locator('html').getAttribute('lang')).toBe(lang)
    await expect.poll(() => page.locator('h1').innerText()).toBe(t.unlock)
    await shot(b, '0-locked')
    await page.locator('#passphrase').fill('not the passphrase')
    await page.locator('#unlock button[type=submit]').click()
    await page.getByText('wallet_passphrase_wrong').waitFor()
    await page.locator('#passphrase').fill(PASSPHRASE)
    await page.locator('#unlock button[type=submit]').click()
    await expect.poll(() => page.locator('h1').innerText()).toBe(t.cards)

    // Scan the issuer's offer QR code with the camera; type the transaction code.
    const enrollment = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, flow.person)
    await scanWithCamera(b, enrollment.credential_offer_uri)
    await expect.poll(() => page.locator('#offer').inputValue(), { timeout: 15_000 }).toBe(enrollment.credential_offer_uri)
    await shot(b, '1-offer-scanned')
    await page.locator('#tx_code').fill(enrollment.tx_code)
    await page.locator('#offer-form button[type=submit]').click()
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 20_000 }).toBe(t.accepted)
    expect(await bodyText(b)).toContain(t.pid)
    await expectForPeople(b)

    // Cards: the issuer's localized names, copies left, status; nothing raw.
    await page.goto(`${b.http.url}/`)
    await shot(b, '2-cards')
    expect(await page.locator('#cards > li').count()).toBe(2) // the SD-JWT batch and the unlinkable (BBS) credential
    const cards = await page.locator('#cards').innerText()
    expect(cards).toContain(t.pid)
    expect(cards).toMatch(lang === 'zh-CN' ? /剩余 10 份未使用的副本/ : /10 unused copies left/)
    await expectForPeople(b)

    // The card's own page: labelled claims, values for people, the ID number masked until asked for.
    await page.locator('#cards > li a').first().click()
    await page.locator('#claims').waitFor()
    await shot(b, '3-card')
    const claims = await page.locator('#claims').innerText()
    expect(claims).toContain(t.over18)
    expect(claims).toContain(t.sex)
    expect(claims).not.toContain(flow.person.national_id)
    expect(claims).not.toContain(flow.person.national_id.slice(6, 14))
    expect(claims).toContain(`${flow.person.national_id.slice(0, 3)}***********${flow.person.national_id.slice(-4)}`)
    await expectForPeople(b)
    await page.locator('a.button[href$="?reveal=1"]').click()
    await expect.poll(() => page.locator('#claims').innerText()).toContain(flow.person.national_id)

    // Scan the service's request QR code: the consent page in the person's words; Share; the service reads verified.
    const p = await flow.ask('shop', { preset: 'age_over_18' })
    await scanWithCamera(b, p.authorization_request)
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 20_000 }).toBe(t.asks)
    await shot(b, '4-consent')
    const consent = await bodyText(b)
    expect(consent).toContain(SHOP.purpose)
    expect(await page.locator('#consent-claims li').allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^${t.over18}\\s*${t.yes}$`))])
    expect(consent).toContain(t.pid)
    await expectForPeople(b)
    for (const secret of [flow.person.national_id, flow.person.given_name, flow.person.family_name]) expect(consent).not.toContain(secret)
    expect(await flow.result('shop', p.id)).toEqual({ status: 'pending' })
    await page.locator('button[value=accept]').click()
    await page.getByText(t.shared).waitFor()
    await shot(b, '5-shared')
    expect(await flow.result('shop', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })

    // A same-device link on another site: the lock screen first (the Strict cookie is not sent), nothing fetched;
    // unlocked, it continues to the consent page. Decline: the service is told no.
    const d = await flow.ask('shop', { preset: 'age_over_18' })
    linkSite.target = `${b.http.url}/authorize${new URL(d.authorization_request).search}`
    await page.goto(linkSite.url)
    await page.locator('#go').click()
    await page.locator('#unlock').waitFor()
    expect(await bodyText(b)).toContain(t.pending)
    await shot(b, '6-link-locked')
    await page.locator('#passphrase').fill(PASSPHRASE)
    await page.locator('#unlock button[type=submit]').click()
    await expect.poll(() => page.locator('h1').innerText()).toBe(t.asks)
    await page.locator('button[value=decline]').click()
    await page.getByText(t.declined).waitFor()
    const r = await flow.result('shop', d.id)
    expect(r.status).toBe('rejected')
    expect(r.claims).toBeUndefined()

    // Over-asking (national_id, signed with the shop's own key): refused on the page, nothing posted.
    const query = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }
    const uri = await rogue.request({ ...shop().rp.credentials, clientId: shop().clientId }, query, flow.clock.now())
    const refused = await page.goto(`${b.http.url}/authorize${new URL(uri).search}`)
    expect(refused?.status()).toBe(403)
    await shot(b, '7-over-asking-refused')
    const refusal = await bodyText(b)
    expect(refusal).toContain(t.refused)
    expect(refusal).toContain('claim_not_registered')
    expect(await page.locator('button[value=accept]').count()).toBe(0)
    expect(rogue.posted).toEqual([])

    // History: sent and declined (and refused, once the core records refusals), exportable as JSON.
    await page.goto(`${b.http.url}/history`)
    await shot(b, '8-history')
    const history = await page.locator('#history').innerText()
    expect(history).toContain(SHOP.name)
    expect(history).toContain(t.sent)
    expect(history).toContain(t.declinedOutcome)
    expect(history).toContain(t.over18)
    await expectForPeople(b)
    const exported = (await (await b.context.request.get(`${b.http.url}/history.json`)).json()) as { outcome: string }[]
    expect(exported.map((e) => e.outcome)).toEqual(expect.arrayContaining(['sent', 'declined']))
    expect(history).toContain(t.refusedOutcome)
    expect(history).toContain(t.refused) // why, in the person's words
    expect(history).toContain(t.idNumber) // what it asked for, labelled
    expect(exported.map((e) => e.outcome)).toContain('refused')
    expect(b.cspViolations).toEqual([])
  }, 90_000)

  it('at 390x844 (zh-CN and English): no sideways scrolling and no serious accessibility violation on home, card, consent and history; a PNG of a request QR code scans as a picture', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const b = await openBrowser(lang, 'phone')
      const { page } = b
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${b.http.url}/`)
      await expectAccessible(b, 'lock screen')
      await page.locator('#passphrase').fill(PASSPHRASE)
      await page.locator('#unlock button[type=submit]').click()
      await page.locator('main h1').waitFor()
      const enrollment = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, flow.person)
      // the paste fallback
      await page.goto(`${b.http.url}/scan`)
      await page.locator('#paste summary').click()
      await page.locator('#offer').fill(enrollment.credential_offer_uri)
      await page.locator('#tx_code').fill(enrollment.tx_code)
      await page.locator('#offer-form button[type=submit]').click()
      await expect.poll(() => page.locator('h1').innerText(), { timeout: 20_000 }).toBe(TEXT[lang].accepted)

      for (const [what, path] of [['home', '/'], ['scan', '/scan']] as const) {
        await page.goto(`${b.http.url}${path}`)
        await shot(b, `phone-${what}`)
        await expectNoSidewaysScroll(b, what)
        await expectAccessible(b, what)
      }
      await page.goto(`${b.http.url}/`)
      await page.locator('#cards > li a').first().click()
      await page.locator('#claims').waitFor()
      await shot(b, 'phone-card')
      await expectNoSidewaysScroll(b, 'card')
      await expectAccessible(b, 'card')

      // Upload a picture of the request QR code: the consent page opens.
      const p = await flow.ask('shop', { preset: 'age_over_18' })
      await page.goto(`${b.http.url}/scan`)
      await page.locator('#scan-file').setInputFiles({ name: 'request.png', mimeType: 'image/png', buffer: await qrPng(p.authorization_request) })
      await expect.poll(() => page.locator('h1').innerText(), { timeout: 20_000 }).toBe(TEXT[lang].asks)
      await shot(b, 'phone-consent')
      await expectNoSidewaysScroll(b, 'consent')
      await expectAccessible(b, 'consent')
      await page.locator('button[value=accept]').click()
      await page.getByText(TEXT[lang].shared).waitFor()
      expect(await flow.result('shop', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })

      await page.goto(`${b.http.url}/history`)
      await shot(b, 'phone-history')
      await expectNoSidewaysScroll(b, 'history')
      await expectAccessible(b, 'history')
      expect(b.cspViolations).toEqual([])
    }
  }, 90_000)
})
