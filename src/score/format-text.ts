// Human-readable score table: every metric with the model beside each baseline.
import type { MetricResult } from './metric-result.js';
import type { ScoreResult } from './totals-score.js';

export function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function ci(m: MetricResult): string {
  return m.ci ? `[${fmt(m.ci.lo)}, ${fmt(m.ci.hi)}]` : '';
}

export function baselineNames(result: ScoreResult): string[] {
  const names = new Set<string>();
  for (const m of Object.values(result.metrics)) for (const b of Object.keys(m.baselines)) names.add(b);
  return [...names];
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

export function formatText(result: ScoreResult): string {
  const p = result.period;
  const names = baselineNames(result);
  const truth = result.protocol === 'truth';
  const unit = truth ? `truth snapshots every ${fmt(p.comparisonBarMs / 60_000, 0)} min` : `comparison bars of ${p.comparisonBarMs / 60_000} min`;
  const lines = [`liqmap score (${result.protocol}) ${p.from ?? '?'} → ${p.to ?? '?'}: ${result.n} ${unit} (price bars ${p.barMs / 60_000} min)`];
  if (p.priceBarGaps.length) lines.push(`gaps in the price bars (not interpolated): ${p.priceBarGaps.map((g) => `${g.missingBars} after ${new Date(g.afterTs).toISOString()}`).join('; ')}`);
  if (p.liquidationGaps.length) lines.push(`gaps in the liquidations: ${p.liquidationGaps.map((g) => `${g.missingBars} after ${new Date(g.afterTs).toISOString()}`).join('; ')}`);
  if (p.uncoveredBars) lines.push(truth ? `${p.uncoveredBars} snapshots left out: no bar closed before them` : `${p.uncoveredBars} comparison bars left out: not fully covered by both files`);
  lines.push('');
  const head = [pad('metric', 26), pad('n', 6, true), pad('model', 8, true), pad('95% CI', 18, true), ...names.map((n) => pad(n, 15, true))];
  lines.push(head.join(' '));
  for (const [name, m] of Object.entries(result.metrics)) {
    lines.push([pad(name, 26), pad(String(m.n), 6, true), pad(fmt(m.model), 8, true), pad(ci(m), 18, true), ...names.map((b) => pad(fmt(m.baselines[b]), 15, true))].join(' '));
  }
  lines.push('', 'model − baseline (block-bootstrap 95% interval; * = excludes 0):');
  lines.push([pad('', 26), ...names.map((n) => pad(n, 26, true))].join(' '));
  for (const [name, m] of Object.entries(result.metrics)) {
    const cells = names.map((b) => {
      const d = m.vs[b];
      if (!d) return pad('—', 26, true);
      const star = d.ci && (d.ci.lo > 0 || d.ci.hi < 0) ? '*' : ' ';
      return pad(`${d.diff >= 0 ? '+' : ''}${fmt(d.diff)} ${d.ci ? `[${fmt(d.ci.lo)},${fmt(d.ci.hi)}]` : ''}${star}`, 26, true);
    });
    lines.push([pad(name, 26), ...cells].join(' '));
  }
  lines.push('', `baselines: ${names.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
