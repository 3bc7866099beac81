// Frame-time probes run inside the page: a requestAnimationFrame recorder, and a rAF-driven pan/zoom.
import type { Page } from 'playwright-core';

export interface FrameStats {
  readonly frames: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Share of intervals within one 60 Hz frame (≤ 17.5 ms). */
  readonly onTime: number;
}

export function stats(deltas: readonly number[]): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { frames: s.length, medianMs: q(0.5), p95Ms: q(0.95), maxMs: s.at(-1) ?? NaN, onTime: s.filter((d) => d <= 17.5).length / Math.max(1, s.length) };
}

/** Pan back and forth (and zoom when `zoom`) one step per animation frame; returns the frame intervals and heatmap draw times. */
export async function rafPan(page: Page, frames: number, zoom: boolean): Promise<{ intervals: number[]; drawMs: number[] }> {
  return page.evaluate(
    async ({ frames, zoom }) => {
      const v = window.liqmap!.view;
      const ts = v.parts.chart.timeScale();
      const r0 = ts.getVisibleLogicalRange()!;
      const w = r0.to - r0.from;
      const mid0 = (r0.from + r0.to) / 2;
      v.parts.heat.stats.drawMs.length = 0;
      const intervals: number[] = [];
      let last = -1;
      let i = 0;
      await new Promise<void>((done) => {
        const step = (t: number): void => {
          if (last >= 0) intervals.push(t - last);
          last = t;
          const phase = (i / frames) * 2 * Math.PI;
          const mid = mid0 - Math.sin(phase) * w * 0.35;
          const half = (zoom ? w * (0.55 + 0.45 * Math.cos(phase)) : w) / 2;
          ts.setVisibleLogicalRange({ from: (mid - half) as never, to: (mid + half) as never });
          if (++i <= frames) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      ts.setVisibleLogicalRange(r0);
      return { intervals, drawMs: [...v.parts.heat.stats.drawMs] };
    },
    { frames, zoom },
  );
}

/** Record animation-frame intervals while `drive` runs real input (mouse drag or wheel) from outside. */
export async function recordWhile(page: Page, drive: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__frames = [];
    w.__rec = true;
    let last = -1;
    const step = (t: number): void => {
      if (last >= 0) w.__frames.push(t - last);
      last = t;
      if (w.__rec) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await drive();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    return w.__frames;
  });
}
