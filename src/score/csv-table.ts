// A CSV file read into header + rows, every row keeping its 1-based line number for messages.
import { parse } from 'csv-parse/sync';
import { InputError } from './input-error.js';

export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export function parseCsv(file: string, text: string, opts: { readonly header?: boolean } = {}): CsvTable {
  let records: ParsedRecord[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(file, err.lines ?? null, null, `not valid CSV: ${err.message}`);
  }
  const withHeader = opts.header ?? true;
  const first = records[0];
  if (!first) throw new InputError(file, null, null, 'empty file');
  const header = withHeader ? first.record : [];
  const body = withHeader ? records.slice(1) : records;
  const rows = body.map((r) => ({ line: r.info.lines, cells: r.record }));
  if (withHeader) {
    for (const r of rows) {
      if (r.cells.length !== header.length) {
        throw new InputError(file, r.line, null, `${r.cells.length} fields, the header has ${header.length}`);
      }
    }
  }
  return { file, header, rows };
}

/** Index of the first of `names` present in the header, or -1. */
export function columnIndex(table: CsvTable, names: readonly string[]): number {
  for (const n of names) {
    const i = table.header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** A finite number from a cell, or an InputError naming the cell. */
export function numberCell(table: CsvTable, row: CsvRow, col: number): number {
  const raw = row.cells[col] ?? '';
  const v = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) {
    throw new InputError(table.file, row.line, table.header[col] ?? `#${col + 1}`, `"${raw}" is not a number`);
  }
  return v;
}
