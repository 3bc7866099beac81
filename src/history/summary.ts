// Plain-text tables printed at the end of history jobs.

/** Left-aligned text columns, numbers right-aligned, with a header rule. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: readonly (string | number)[]): string =>
    r
      .map((c, i) => (numeric[i] ? String(c).padStart(widths[i] as number) : String(c).padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(cells[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** What a venue serves as open-interest history, in words. */
export function describeOiLimit(maxAgeMs: number | null | undefined): string {
  if (maxAgeMs === null || maxAgeMs === undefined) return 'no REST history';
  if (!(maxAgeMs > 0)) return 'no OI history (live only)';
  if (!Number.isFinite(maxAgeMs)) return 'OI: full history';
  const days = maxAgeMs / 86_400_000;
  return `OI: last ${Number.isInteger(days) ? days : days.toFixed(1)} d`;
}
