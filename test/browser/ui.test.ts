// The web UI in headless Chromium against the demo server: load, ranges, venue and leverage filters,
// tooltip, liquidation map, live liquidations, phone layout; screenshots go to test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, launch, openPage, type PageLog } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { gridProbe, hottestCell, visibleRange, waitGrid } from './page-helpers.js';

const ART = path.resolve('test-artifacts');
const DAY = 86_400_000;

let server: DemoServer;
let browser: Browser;
let page: Page;
let log: PageLog;
const heatmapRequests: string[] = [];
let stopped = false;

describe('web UI (demo server, headless Chromium)', () => {
  beforeAll(async () => {
    fs.mkdirSync(ART, { recursive: true });
    [server] = await Promise.all([startDemoServer({ speed: 30, historyDays: 1 }), buildWeb()]);
    browser = await launch();
    ({ page, log } = await openPage(browser, server.url, { width: 1440, height: 900 }));
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/heatmap')) heatmapRequests.push(r.url());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (!stopped) await server?.stop();
  });

  it('loads the heatmap with candles, legend and the demo label', async () => {
    const g = await waitGrid(page, (x) => x.cols > 100 && x.total > 0);
    expect(g.rows).toBeGreaterThanOrEqual(100);
    await page.waitForSelector('#overlay', { state: 'hidden' });
    expect(await page.locator('#demo-mark').isVisible()).toBe(true);
    expect(await page.locator('#status').textContent()).toMatch(/DEMO/);
    expect(await page.locator('#legend .ticks span').count()).toBe(5);
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      heat: performance.getEntriesByName('liqmap:heatmap-shown')[0]?.startTime ?? null,
    }));
    console.log(`first contentful paint ${timing.fcp?.toFixed(0)} ms; heatmap shown ${timing.heat?.toFixed(0)} ms after navigation start`);
    await page.screenshot({ path: path.join(ART, 'desktop-1440x900.png') });
  });

  it('is installable: the manifest parses and nothing but the private browsing context blocks install', async () => {
    const cdp = await page.context().newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/manifest\.webmanifest$/);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await cdp.detach();
  });

  it('switches range by click and by keyboard', { timeout: 40_000 }, async () => {
    await page.getByRole('radio', { name: '3d' }).click();
    await waitGrid(page, (x) => Math.abs(x.to - x.from - 3 * DAY) < 0.02 * DAY);
    expect(await page.getByRole('radio', { name: '3d' }).getAttribute('aria-checked')).toBe('true');
    await page.locator('#chart').focus();
    await page.keyboard.press('1');
    await waitGrid(page, (x) => Math.abs(x.to - x.from - DAY / 2) < 0.02 * DAY);
    expect(await page.getByRole('radio', { name: '12h' }).getAttribute('aria-checked')).toBe('true');
    // Arrow keys pan the focused chart.
    const before = await visibleRange(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await visibleRange(page)).from).toBeLessThan(before.from - 60_000);
    // Back to a named range right after the pan: the range's own re-framing must not count as the user's move.
    await page.keyboard.press('2');
    await waitGrid(page, (x) => Math.abs(x.to - x.from - DAY) < 0.02 * DAY);
    await page.waitForTimeout(1500);
    expect(await page.getByRole('radio', { name: '24h' }).getAttribute('aria-checked')).toBe('true');
    const day = (await gridProbe(page))!;
    expect(Math.abs(day.to - day.from - DAY)).toBeLessThan(0.02 * DAY);
  });

  it('toggles a venue off and on', async () => {
    const before = (await gridProbe(page))!;
    const first = page.locator('#venues input[type=checkbox]').first();
    const venue = await first.getAttribute('value');
    heatmapRequests.length = 0;
    await first.uncheck();
    const after = await waitGrid(page, (x) => x.total < before.total * 0.999 && heatmapRequests.some((u) => u.includes('venues=')));
    expect(heatmapRequests.at(-1)).not.toContain(venue);
    expect(after.total).toBeGreaterThan(0);
    await first.check();
    await waitGrid(page, (x) => Math.abs(x.total - before.total) < 0.02 * before.total + 1);
  }, 40_000);

  it('filters leverage with a preset and a single tier', async () => {
    const all = (await gridProbe(page))!;
    await page.getByRole('button', { name: /High/ }).click();
    const high = await waitGrid(page, (x) => x.total < all.total * 0.95);
    expect(heatmapRequests.at(-1)).toMatch(/leverage=75%2C100%2C125|leverage=75,100,125/);
    expect(await page.getByRole('button', { name: /High/ }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('125×').uncheck();
    await waitGrid(page, (x) => x.total < high.total);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await waitGrid(page, (x) => Math.abs(x.total - all.total) < 0.05 * all.total + 1);
  }, 40_000);

  it('shows a tooltip with notional, distance and the venue × tier breakdown on hover', async () => {
    const hot = await hottestCell(page);
    expect(hot).not.toBeNull();
    await page.mouse.move(hot!.x, hot!.y);
    const tip = page.locator('#tooltip');
    await tip.waitFor({ state: 'visible' });
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toMatch(/By venue/);
    const text = (await tip.textContent()) ?? '';
    expect(text).toMatch(/\$[\d,]+ – \$[\d,]+/);
    expect(text).toMatch(/from price/);
    expect(text).toMatch(/Est\. notional \$/);
    expect(text).toMatch(/By leverage/);
    await page.screenshot({ path: path.join(ART, 'desktop-tooltip.png') });
    // A click pins it (so its buttons can be reached); Escape releases it.
    await page.mouse.click(hot!.x, hot!.y);
    await page.locator('#tooltip.pinned').waitFor();
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await page.mouse.move(5, 5);
  });

  it('creates an alert from a hot band in one click and shows pushed alerts as browser notifications', async () => {
    // Record notifications instead of showing them; the page sees permission "granted".
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string, o?: { body?: string }) {
          shown.push(`${title}: ${o?.body ?? ''}`);
        }
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    const before = server.app.alerts.list().length;
    // A hot band a little inside the pane (the newest column touches the price axis).
    const hot = await hottestCell(page);
    const x = hot!.x - 60;
    await page.mouse.move(x, hot!.y);
    await page.locator('#tooltip').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#tooltip').textContent(), { timeout: 10_000 }).toMatch(/By venue/);
    await page.waitForTimeout(400);
    await page.mouse.click(x, hot!.y);
    await page.locator('#tooltip.pinned').waitFor({ timeout: 5000 });
    await page.locator('#tooltip.pinned .tt-action').click({ timeout: 5000 });
    await expect.poll(() => server.app.alerts.list().length, { timeout: 10_000 }).toBe(before + 1);
    expect(server.app.alerts.list().at(-1)?.spec).toMatchObject({ kind: 'approach', distancePct: 0.5 });
    await expect.poll(() => page.locator('#alerts').textContent(), { timeout: 10_000 }).toMatch(/Alert set/);
    server.app.bus.publish('alerts', { id: 'ui-test-1', ts: Date.now(), kind: 'approach', message: '$4.2M of short liquidations at 99,000–99,100, +0.40% from 98,600' });
    await expect.poll(() => page.locator('#alerts').textContent(), { timeout: 10_000 }).toMatch(/4\.2M of short liquidations/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.join('|'))).toMatch(/liqmap alert: \$4\.2M/);
    await page.mouse.move(5, 5);
  });

  it('reads the liquidation map and its callout', async () => {
    await expect.poll(() => page.locator('#liqmap-callout').textContent(), { timeout: 15_000 }).toMatch(/(More liquidity (above|below): \$[\d.]+[KMB]? of (shorts|longs) within 2%)|Balanced/);
    const painted = await page.evaluate(() => {
      const cv = document.getElementById('liqmap') as HTMLCanvasElement;
      const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
  });

  it('receives a live liquidation and live heatmap columns over the WebSocket', async () => {
    const edge0 = (await gridProbe(page))!.edge;
    await page.locator('#feed li.liq.fresh').first().waitFor({ timeout: 30_000 });
    const row = (await page.locator('#feed li.liq.fresh').first().textContent()) ?? '';
    expect(row).toMatch(/\d\d:\d\d:\d\d.*(Long|Short)\$[\d.]+[KM]?/);
    await waitGrid(page, (x) => x.edge > edge0, 30_000);
  }, 60_000);

  it('lays out for a phone (390×844) with the controls in a sheet', { timeout: 60_000 }, async () => {
    const m = await openPage(browser, server.url, { width: 390, height: 844 }, { mobile: true });
    try {
      await waitGrid(m.page, (x) => x.total > 0);
      await m.page.waitForSelector('#overlay', { state: 'hidden' });
      const layout = await m.page.evaluate(() => ({
        chart: document.getElementById('chart')!.getBoundingClientRect().height,
        scrollW: document.documentElement.scrollWidth,
        controlsHidden: getComputedStyle(document.getElementById('controls')!).visibility === 'hidden',
      }));
      expect(layout.chart).toBeGreaterThan(844 * 0.45);
      expect(layout.scrollW).toBeLessThanOrEqual(390);
      expect(layout.controlsHidden).toBe(true);
      await m.page.screenshot({ path: path.join(ART, 'phone-390x844.png') });
      // A one-finger swipe pans the chart.
      const before = await visibleRange(m.page);
      const box = (await m.page.locator('#chart').boundingBox())!;
      const cdp = await m.ctx.newCDPSession(m.page);
      const at = (x: number) => [{ x: box.x + x, y: box.y + box.height / 2 }];
      const panned = async (): Promise<boolean> => (await visibleRange(m.page)).from < before.from - 60_000;
      // A finger held 240 ms before moving is a long tap (crosshair mode, no pan). On a loaded runner the
      // CDP round trips between start and first move can exceed that, so a swipe that did not pan is retried.
      for (let attempt = 0; attempt < 3 && !(await panned()); attempt++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(80) });
        for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(80 + i * 18) });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await expect.poll(panned).toBe(true).catch(() => undefined);
      }
      expect(await panned()).toBe(true);
      await m.page.getByRole('button', { name: 'Filters' }).click();
      await m.page.locator('#controls.open').waitFor();
      await m.page.waitForTimeout(300);
      await m.page.screenshot({ path: path.join(ART, 'phone-390x844-sheet.png') });
      expect(m.log.problems).toEqual([]);
    } finally {
      await m.ctx.close();
    }
  });

  it('logged no console errors and no failed requests', () => {
    expect(log.problems).toEqual([]);
  });

  it('says so when the server goes away', async () => {
    await server.stop();
    stopped = true;
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toMatch(/disconnected/);
    await page.screenshot({ path: path.join(ART, 'desktop-disconnected.png'), clip: { x: 0, y: 0, width: 720, height: 60 } });
  });
});
