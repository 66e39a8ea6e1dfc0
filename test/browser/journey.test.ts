// The whole journey in Chromium (playwright-core, Debian's chromium), in zh-CN and in English, every service real on
// 127.0.0.1: the registration desk signs in, refuses a mistyped ID number, enrolls a person and shows the offer QR code;
// the wallet scans it (Chromium's fake camera playing the QR code) and takes the code; the demo shop shows its request
// QR code; the wallet scans it, the person shares, and the shop page says verified; again, the person declines and
// the shop page says so. The shop's service was registered with a callback: a receiver on loopback checks each
// webhook's HMAC signature and gets exactly one per finished session. Screenshots at desktop and phone width go to a
// temp folder (printed). Skips with a message when Chromium is absent.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startShop } from '../../examples/shop/shop.ts'
import type { RunningShop } from '../../examples/shop/shop.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { openPort } from '../../shared/http-server/index.ts'
import type { OpenPort } from '../../shared/http-server/index.ts'
import { startIssuer, startService } from '../../scripts/lib/stack.ts'
import type { RunningIssuer, RunningVerifier } from '../../scripts/lib/stack.ts'
import { createWalletApp } from '../../wallet/app.ts'
import type { WalletApp } from '../../wallet/app.ts'
import { ADMIN_TOKEN, API_KEY, capturedLogger } from '../e2e/flow-fixtures.ts'
import { chromiumPresent, launchChromium } from '../support/chromium.ts'
import { qrY4m } from '../support/qr-video.ts'

const present = chromiumPresent('journey browser test')

const PASSPHRASE = 'journey test passphrase'
const SECRET = 'journey-webhook-secret-0123456789abcdef'
const TEXT = {
  'zh-CN': { offer: '凭证领取二维码', checkRule: '校验码（最后一位）不正确，请核对号码。', verified: '谢谢！已确认您年满 18 岁，可以继续购买。', declined: '您选择了不分享。没关系，我们什么也没有收到。', start: '证明我已满 18 岁' },
  en: { offer: 'Credential offer QR code', checkRule: 'The check character (the last one) does not match: check the number.', verified: 'Thank you: you are 18 or over. Your order can go ahead.', declined: 'You chose not to share. That is fine: we received nothing.', start: 'Prove I am over 18' },
} as const
type Lang = keyof typeof TEXT

let root = ''
let shotDir = ''
let videoFile = ''
let issuer: RunningIssuer
let verifier: RunningVerifier
let wallet: WalletApp
let walletHttp: OpenPort
let shop: RunningShop
let receiver: Server
/** Webhook deliveries with a valid signature, by presentation id; and how many arrived with a bad one. */
const hooks = new Map<string, { status: string; error?: string }[]>()
let badHooks = 0

function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')))
    req.on('end', () => {
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['eid-webhook-signature']))
      const mac = m ? createHmac('sha256', SECRET).update(`${m[1]}.${raw}`).digest() : Buffer.alloc(0)
      if (!m || !timingSafeEqual(mac, Buffer.from(m[2] as string, 'hex')) || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) {
        badHooks++
        res.writeHead(400).end()
        return
      }
      const e = JSON.parse(raw) as { id: string; status: string; error?: string }
      hooks.set(e.id, [...(hooks.get(e.id) ?? []), { status: e.status, ...(e.error ? { error: e.error } : {}) }])
      res.writeHead(204).end()
    })
  })
  return new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eid-webhook`)))
}

async function browser(lang: Lang, width: number, height: number): ReturnType<typeof launchChromium> {
  const b = await launchChromium({ lang, width, height, videoFile })
  b.context.setDefaultTimeout(20_000)
  return b
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true })

/** The wallet scans `text` with the (fake) camera. */
async function scan(page: Page, text: string): Promise<void> {
  await writeFile(videoFile, qrY4m(text))
  await page.goto(`${walletHttp.url}/scan`)
  await page.locator('#scan-start').click()
}

describe.skipIf(!present)('the whole journey in Chromium', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eid-journey-'))
    shotDir = await mkdtemp(join(tmpdir(), 'eid-journey-screens-'))
    videoFile = join(shotDir, 'camera.y4m')
    await writeFile(videoFile, qrY4m('nothing yet'))
    console.log(`journey screenshots: ${shotDir}`)
    const callback = await startReceiver()
    issuer = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: join(root, 'issuer'), adminToken: ADMIN_TOKEN, logger: capturedLogger([]) })
    // the shop's service, registered with its callback; its verifier calls that URL and no other
    verifier = await startService({
      host: '127.0.0.1', port: 0, dataDir: join(root, 'shop'), apiKey: API_KEY, issuer, logger: capturedLogger([]),
      spec: { name: 'Demo Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']], callback },
      extra: { webhook: { url: callback, secret: SECRET } },
    })
    expect(verifier.rp.callback).toBe(callback)
    wallet = await createWalletApp({ dir: join(root, 'wallet'), passphrase: PASSPHRASE, trustedRegistrar: issuer.registrarRootUrl, trustedIssuers: [issuer.url], allowHttpHosts: ['127.0.0.1'], kdf: { N: 1024, r: 8, p: 1 }, logger: capturedLogger([]) })
    walletHttp = await openPort('127.0.0.1', 0)
    walletHttp.serve(wallet.app)
    shop = await startShop({ host: '127.0.0.1', port: 0, verifierUrl: verifier.url, apiKey: API_KEY, walletUrl: walletHttp.url, pollMs: 200 })
  }, 60_000)

  afterAll(async () => {
    await shop?.close()
    await walletHttp?.close()
    await wallet?.close()
    await verifier?.close()
    await issuer?.close()
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
    if (root) await rm(root, { recursive: true, force: true })
  })

  it.each(['zh-CN', 'en'] as const)('%s: desk enrolls, wallet scans the offer, shop verified; then declined; one signed webhook each', async (lang) => {
    const t = TEXT[lang]
    const { context, close } = await browser(lang, 1100, 850)
    try {
      const desk = context.pages()[0] ?? (await context.newPage())
      // The desk: sign in, a mistyped number is refused with its rule (in the page's language), then enroll.
      await desk.goto(`${issuer.url}/desk`)
      await desk.locator('#token').fill(ADMIN_TOKEN)
      await desk.locator('form[action="/desk/login"] button').click()
      await desk.locator('#national_id').waitFor()
      const id = generateResidentId()
      const typo = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
      await desk.locator('#national_id').fill(typo)
      await desk.locator('#family_name').fill('王')
      await desk.locator('#given_name').fill('小丽')
      await desk.locator('#enroll-form button[type=submit]').click() // the page's script stops it and says why
      await expect.poll(() => desk.locator('#national_id_hint').innerText()).toBe(t.checkRule)
      await shot(desk, `${lang}-1-desk-refused`)
      await desk.locator('#national_id').fill(id)
      await desk.locator('#enroll-form button[type=submit]').click()
      await desk.locator('#offer-qr').waitFor()
      expect(await desk.locator('h2').first().innerText()).toBe(t.offer)
      const offerUri = (await desk.locator('#offer-uri').textContent()) ?? ''
      const txCode = await desk.locator('#tx-code').innerText()
      await shot(desk, `${lang}-2-desk-offer`)

      // The wallet (the person's phone): unlock, scan the desk's QR code, type the code.
      const phone = await context.newPage()
      await phone.setViewportSize({ width: 390, height: 844 })
      await phone.goto(`${walletHttp.url}/`)
      await phone.locator('#passphrase').fill(PASSPHRASE)
      await phone.locator('#unlock button[type=submit]').click()
      await phone.locator('#cards, h1').first().waitFor()
      await scan(phone, offerUri)
      await expect.poll(() => phone.locator('#offer').inputValue(), { timeout: 20_000 }).toBe(offerUri)
      await phone.locator('#tx_code').fill(txCode)
      await phone.locator('#offer-form button[type=submit]').click()
      await phone.locator('#offer-form').waitFor({ state: 'detached', timeout: 30_000 })
      await shot(phone, `${lang}-3-wallet-accepted`)

      // The shop (a computer): its request as a QR code; the phone scans it, the person shares; the shop page says so.
      const shopPage = await context.newPage()
      await shopPage.goto(`${shop.url}/`)
      expect(await shopPage.locator('#start').innerText()).toBe(t.start)
      await shot(shopPage, `${lang}-4-shop`)
      for (const [decision, expected] of [['accept', t.verified], ['decline', t.declined]] as const) {
        await shopPage.goto(`${shop.url}/`)
        await shopPage.locator('#start').click()
        await shopPage.locator('#qr').waitFor()
        const request = ((await shopPage.locator('#request-link').textContent()) ?? '').trim()
        await shot(shopPage, `${lang}-5-shop-qr-${decision}`)
        await scan(phone, request)
        await phone.locator(`button[value=${decision}]`).waitFor({ timeout: 20_000 })
        await shot(phone, `${lang}-6-wallet-consent-${decision}`)
        await phone.locator(`button[value=${decision}]`).click()
        await expect.poll(() => shopPage.locator('#status').innerText(), { timeout: 20_000 }).toBe(expected)
        await shot(shopPage, `${lang}-7-shop-${decision}`)
      }
      // Phone width: the shop and the desk fit without sideways scrolling.
      for (const [page, what] of [[shopPage, 'shop'], [desk, 'desk']] as const) {
        await page.setViewportSize({ width: 390, height: 844 })
        await page.goto(what === 'shop' ? `${shop.url}/` : `${issuer.url}/desk`)
        await shot(page, `${lang}-8-phone-${what}`)
        const { sw, iw } = (await page.evaluate('({ sw: document.documentElement.scrollWidth, iw: window.innerWidth })')) as { sw: number; iw: number }
        expect(sw, `${what} at phone width`).toBeLessThanOrEqual(iw)
      }
    } finally {
      await close()
    }
  }, 180_000)

  it('the registered callback got exactly one signed webhook per finished session', async () => {
    await verifier.verifier.webhook?.idle()
    expect(badHooks).toBe(0)
    const events = [...hooks.values()]
    expect(events).toHaveLength(4) // two languages x (shared, declined)
    for (const list of events) expect(list).toHaveLength(1)
    expect(events.map((l) => l[0]?.status).sort()).toEqual(['rejected', 'rejected', 'verified', 'verified'])
    expect(events.filter((l) => l[0]?.error === 'access_denied')).toHaveLength(2)
  })
})
