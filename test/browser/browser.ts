// Headless Debian Chromium through playwright-core (never a downloaded browser), with a page log that
// records console errors, page errors and failed requests.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureWeb } from '../../bin/ensure-web.mjs';

export const CHROMIUM = process.env.LIQMAP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Build web/dist if it is missing or older than the sources. */
export async function buildWeb(): Promise<void> {
  await ensureWeb({ quiet: true });
}

export interface PageLog {
  readonly problems: string[];
}

export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }, opts: { mobile?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page; log: PageLog }> {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, ...(opts.mobile ? { isMobile: true, hasTouch: true } : {}) });
  // tsx compiles with keepNames, which wraps functions passed to page.evaluate in a `__name` helper.
  await ctx.addInitScript('globalThis.__name = (f) => f;');
  const page = await ctx.newPage();
  const log: PageLog = { problems: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // Requests the page aborts on purpose (superseded fetches) are not failures.
    if (why.includes('ERR_ABORTED')) return;
    log.problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) log.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { ctx, page, log };
}
