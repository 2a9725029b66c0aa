// The console in a real browser for tests: Debian's Chromium driven by playwright-core (no browser
// download; .ci/run installs chromium with apt) against a test app listening on a loopback port, on
// the suite's database (TEST_DATABASE), with jobs run as they come (instant speed) so pages see
// transitions end. The flags keep Chromium off the network it would otherwise try to reach.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { CONSOLE_DIR } from '../../src/console/static.ts'
import { startTestApp, type TestApp, type TestAppOptions } from './harness.ts'

export const CHROMIUM = process.env.QINGLOCAL_CHROMIUM ?? '/usr/bin/chromium'

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

/** Where the tests put README screenshots when QINGLOCAL_SCREENSHOTS=1 (docs/screenshots). */
export const SCREENSHOTS = process.env.QINGLOCAL_SCREENSHOTS === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : undefined

export interface ConsoleRig {
  t: TestApp
  /** Moves the server's clock and the page's along (timers keep running). */
  advance(context: BrowserContext, ms: number): Promise<void>
  base: string
  browser: Browser
  /** A fresh browser profile (cookies, storage) at `lang`, 1280×800 unless told otherwise, its clock at the server's. */
  context(options?: { lang?: 'en' | 'zh'; width?: number; height?: number }): Promise<BrowserContext>
  close(): Promise<void>
}

export async function startConsoleRig(options: TestAppOptions = {}): Promise<ConsoleRig> {
  assert.ok(existsSync(CHROMIUM), `the console's browser tests need Chromium at ${CHROMIUM} (apt-get install chromium)`)
  assert.ok(existsSync(join(CONSOLE_DIR, 'index.html')), `the console is not built in ${CONSOLE_DIR}: npm run build`)
  const t = await startTestApp({ jobSpeed: 'instant', ...options })
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    t,
    base: `${address}/console/`,
    browser,
    advance: async (context, ms) => {
      t.clock.advance(ms)
      await context.clock.setFixedTime(t.clock.now())
    },
    context: async ({ lang = 'en', width = 1280, height = 800 } = {}) => {
      const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height } })
      // the console remembers the language chosen; a test starts in the one it asks for
      await context.addInitScript({ content: `localStorage.setItem('qinglocal.lang', ${JSON.stringify(lang)})` })
      // the page's clock is the server's (a ManualClock), so the windows it asks for (charts, charge sums) are the server's
      await context.clock.setFixedTime(t.clock.now())
      return context
    },
    close: async () => {
      await browser.close()
      await t.close()
    },
  }
}

/**
 * Fails the test on any error the page logs or throws (no console errors in the browser), and on
 * any request that leaves the server's origin (everything is served locally, no CDN).
 */
export function watchErrors(page: Page): () => void {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') errors.push(`request to another host: ${request.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  return () => assert.deepEqual(errors, [], 'the browser logged errors')
}

/** A README screenshot of the page as it is, when QINGLOCAL_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}
