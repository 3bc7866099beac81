// UI figures in headless Chromium against the demo server: first paint, bundle size, colouring a
// 1000×500 grid, and frame times while panning and zooming it (median and p95; 60 fps = 16.7 ms).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildWeb, launch, openPage } from '../test/browser/browser.js';
import { startDemoServer } from '../test/browser/demo-server.js';
import { rafPan, recordWhile, stats, type FrameStats } from '../test/browser/frames.js';
import { waitGrid } from '../test/browser/page-helpers.js';

function line(label: string, s: FrameStats, extra = ''): void {
  console.log(`${label.padEnd(44)} median ${s.medianMs.toFixed(1).padStart(5)} ms  p95 ${s.p95Ms.toFixed(1).padStart(5)} ms  max ${s.maxMs.toFixed(1).padStart(5)} ms  ${(s.onTime * 100).toFixed(0).padStart(3)}% on time  (${s.frames} frames)${extra}`);
}

function bundleGzipKb(): number {
  const dir = path.resolve('web/dist/assets');
  let total = 0;
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.js')) total += zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
  return total / 1024;
}

export default async function main(): Promise<void> {
  await buildWeb();
  console.log(`${'JavaScript bundle, gzipped'.padEnd(44)} ${bundleGzipKb().toFixed(1)} KB  (target < 300 KB)`);
  // LIQMAP_UI_URL measures a server that is already running (e.g. `liqmap serve --demo`).
  const server = process.env.LIQMAP_UI_URL ? { url: process.env.LIQMAP_UI_URL, stop: async () => {} } : await startDemoServer({ speed: 30, historyDays: 1 });
  const browser = await launch();
  try {
    // First paint of a cold page (new context, empty cache).
    const cold = await openPage(browser, server.url, { width: 1440, height: 900 });
    await waitGrid(cold.page, (g) => g.total > 0);
    const t = await cold.page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      heat: performance.getEntriesByName('liqmap:heatmap-shown')[0]?.startTime ?? NaN,
    }));
    console.log(`${'first contentful paint (1440×900, cold)'.padEnd(44)} ${t.fcp.toFixed(0)} ms`);
    console.log(`${'heatmap on screen (1440×900, cold)'.padEnd(44)} ${t.heat.toFixed(0)} ms  (target < 1500 ms)`);
    await cold.ctx.close();

    // A 1000×500 grid: the pane at 1920×1080 asks for exactly that.
    const { page, ctx, log } = await openPage(browser, server.url, { width: 1920, height: 1080 });
    const g = await waitGrid(page, (x) => x.total > 0 && x.cols >= 1000 && x.rows >= 500);
    await page.waitForTimeout(1000);
    const colour = await page.evaluate(() => {
      const v = window.liqmap!.view;
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        v.recolour();
        out.push(v.parts.raster.lastMs);
      }
      return out;
    });
    const cs = stats(colour);
    console.log(`${`colour ${g.cols}×${g.rows} grid → bitmap`.padEnd(44)} median ${cs.medianMs.toFixed(2)} ms  p95 ${cs.p95Ms.toFixed(2)} ms`);

    const pan = await rafPan(page, 240, false);
    line(`pan ${g.cols}×${g.rows}: frame interval`, stats(pan.intervals), '  (60 fps = 16.7 ms)');
    // drawImage only records the blit on the main thread; rasterising it shows up in the frame interval.
    line(`pan ${g.cols}×${g.rows}: drawImage call`, stats(pan.drawMs));
    const zoom = await rafPan(page, 240, true);
    line(`pan+zoom ${g.cols}×${g.rows}: frame interval`, stats(zoom.intervals));
    line(`pan+zoom ${g.cols}×${g.rows}: drawImage call`, stats(zoom.drawMs));

    // Real input: a mouse drag across the pane and wheel zooming.
    const box = (await page.locator('#chart').boundingBox())!;
    const y = box.y + box.height / 2;
    const drag = await recordWhile(page, async () => {
      await page.mouse.move(box.x + box.width * 0.7, y);
      await page.mouse.down();
      for (let i = 0; i <= 90; i++) await page.mouse.move(box.x + box.width * (0.7 - 0.4 * Math.sin((i / 90) * Math.PI)), y);
      await page.mouse.up();
    });
    line('mouse drag pan: frame interval', stats(drag));
    const wheel = await recordWhile(page, async () => {
      await page.mouse.move(box.x + box.width / 2, y);
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, i < 30 ? -60 : 60);
        await page.waitForTimeout(16);
      }
    });
    line('wheel zoom: frame interval', stats(wheel));
    if (log.problems.length) console.log(`page problems: ${log.problems.join('; ')}`);
    await ctx.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
