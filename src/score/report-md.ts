// The Markdown report: figures beside every baseline, the OI verdict, and the heatmap picture.
import { fmt } from './format-text.js';
import type { MetricResult } from './metric-result.js';
import type { ScoreResult } from './totals-score.js';

export interface ReportContext {
  readonly barsFile: string;
  readonly liquidationsFile: string;
  /** Model parameters the run used (printed as JSON). */
  readonly params: unknown;
  /** Relative path of the PNG, when one was drawn. */
  readonly image: string | null;
  readonly imageCaption: string;
}

function interval(m: MetricResult): string {
  return m.ci ? `${fmt(m.ci.lo)} – ${fmt(m.ci.hi)}` : '—';
}

/** Whether the model's edge over the OI-free ablation is resolved by the bootstrap. */
export function oiVerdict(result: ScoreResult): string[] {
  const lines: string[] = [];
  for (const [name, m] of Object.entries(result.metrics)) {
    const d = m.vs.constantInflow;
    if (!d) continue;
    const verdict = !d.ci ? 'no interval' : d.ci.lo > 0 ? 'OI adds information' : d.ci.hi < 0 ? 'OI hurts' : 'not resolved (interval spans 0)';
    lines.push(`| ${name} | ${fmt(d.diff)} | ${d.ci ? `${fmt(d.ci.lo)} – ${fmt(d.ci.hi)}` : '—'} | ${verdict} |`);
  }
  return lines;
}

export function reportMarkdown(result: ScoreResult, ctx: ReportContext): string {
  const names = [...new Set(Object.values(result.metrics).flatMap((m) => Object.keys(m.baselines)))];
  const p = result.period;
  const out: string[] = [
    '# liqmap score report',
    '',
    `- bars: \`${ctx.barsFile}\` (${p.barMs / 60_000}-minute bars, ${p.priceBars} bars)`,
    `- liquidations: \`${ctx.liquidationsFile}\` (${result.protocol})`,
    `- scored period: ${p.from ?? '?'} → ${p.to ?? '?'}, n = ${result.n} comparison bars of ${p.comparisonBarMs / 60_000} min`,
    `- gaps (reported, never interpolated): ${p.priceBarGaps.length} in the price bars, ${p.liquidationGaps.length} in the liquidations; ${p.uncoveredBars} bars not covered by both`,
    '',
    '## Model vs baselines',
    '',
    `| metric | n | model | 95% CI | ${names.join(' | ')} |`,
    `|---|---|---|---|${names.map(() => '---').join('|')}|`,
    ...Object.entries(result.metrics).map(
      ([name, m]) => `| ${name} | ${m.n} | **${fmt(m.model)}** | ${interval(m)} | ${names.map((b) => fmt(m.baselines[b])).join(' | ')} |`,
    ),
    '',
    'CI: Wilson 95% for proportions, moving-block bootstrap 95% for correlations.',
    '',
    '## Model minus baseline (moving-block bootstrap 95%)',
    '',
    `| metric | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    ...Object.entries(result.metrics).map(([name, m]) => {
      const cells = names.map((b) => {
        const d = m.vs[b];
        return d ? `${fmt(d.diff)} [${d.ci ? `${fmt(d.ci.lo)}, ${fmt(d.ci.hi)}` : '—'}]` : '—';
      });
      return `| ${name} | ${cells.join(' | ')} |`;
    }),
    '',
    '## Does open interest add information?',
    '',
    'The ablation `constantInflow` is the same model with the inflow rule set to `constant` (price path alone, OI ignored).',
    '',
    '| metric | model − ablation | 95% interval | verdict |',
    '|---|---|---|---|',
    ...oiVerdict(result),
    '',
  ];
  for (const [name, m] of Object.entries(result.metrics)) out.push(`- \`${name}\`: ${m.about}`);
  out.push('');
  if (ctx.image) out.push('## Heatmap', '', `![${ctx.imageCaption}](${ctx.image})`, '', ctx.imageCaption, '');
  out.push('## Parameters', '', '```json', JSON.stringify(ctx.params, null, 2), '```', '');
  return out.join('\n');
}
