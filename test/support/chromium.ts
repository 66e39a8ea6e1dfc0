// Debian's Chromium driven by playwright-core for the browser tests: whether it is installed, and a fresh headless
// profile with Chromium's fake camera playing a Y4M file (see qr-video.ts) and camera permission granted.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Whether Chromium is installed; when not, says so (with `what` is skipped) and how to install it. */
export function chromiumPresent(what: string): boolean {
  const present = existsSync(CHROMIUM)
  if (!present) console.log(`${what} skipped: ${CHROMIUM} is absent (install Debian's chromium: apt-get install chromium)`)
  return present
}

/** A headless Chromium in a fresh temp profile, its camera playing `videoFile`; `close` also removes the profile. */
export async function launchChromium(o: { lang: string; width: number; height: number; videoFile: string }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'eid-chromium-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${o.videoFile}`],
    viewport: { width: o.width, height: o.height },
    locale: o.lang,
    timezoneId: 'Asia/Shanghai',
    permissions: ['camera'],
    timeout: 20_000,
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
