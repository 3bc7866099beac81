// Realised liquidation EVENTS: normalised liquidation JSONL (the `normalize` output; other
// event kinds are skipped) or Binance COIN-M `liquidationSnapshot` CSV (data.binance.vision).
import { LiquidationEventSchema, type LiquidationEvent } from '../../core/events.js';
import { columnIndex, numberCell, type CsvTable } from '../csv-table.js';
import { InputError } from '../input-error.js';
import { epochMs } from './time-grid.js';

export interface LiquidationEvents {
  readonly kind: 'events';
  readonly file: string;
  /** Sorted by ts (stable). */
  readonly events: readonly LiquidationEvent[];
  /** Lines of other event kinds that were skipped. */
  readonly skipped: number;
}

/** Parses liquidation JSONL handed over line by line (numbers from 1). */
export class EventsJsonlParser {
  private readonly events: LiquidationEvent[] = [];
  private skipped = 0;

  constructor(private readonly file: string) {}

  line(raw: string, n: number): void {
    const line = raw.trim();
    if (line === '') return;
    // Simulator and replay outputs are mostly other kinds: skip those without parsing them.
    if (line.includes('"kind":"') && !line.includes('"kind":"liquidation"')) {
      this.skipped++;
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new InputError(this.file, n, null, `not JSON: ${(e as Error).message}`);
    }
    if (typeof obj === 'object' && obj !== null && 'kind' in obj && obj.kind !== 'liquidation') {
      this.skipped++;
      return;
    }
    const r = LiquidationEventSchema.safeParse(obj);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new InputError(this.file, n, issue?.path.join('.') || null, issue?.message ?? 'not a liquidation event');
    }
    this.events.push(r.data);
  }

  end(): LiquidationEvents {
    return { kind: 'events', file: this.file, events: sortByTs(this.events), skipped: this.skipped };
  }
}

export function loadEventsJsonl(file: string, text: string): LiquidationEvents {
  const p = new EventsJsonlParser(file);
  text.split('\n').forEach((raw, i) => p.line(raw, i + 1));
  return p.end();
}

/** Column order of Binance's liquidationSnapshot files (used when a file has no header). */
export const COINM_SNAPSHOT_COLUMNS = [
  'time',
  'side',
  'order_type',
  'time_in_force',
  'original_quantity',
  'price',
  'average_price',
  'order_status',
  'last_fill_quantity',
  'accumulated_fill_quantity',
] as const;
/** BTCUSD_PERP contract value, USD. */
const COINM_BTC_CONTRACT_USD = 100;

export function isCoinmSnapshotHeader(header: readonly string[]): boolean {
  return header[0] === 'time' && header.includes('side') && header.includes('average_price');
}

export function loadCoinmSnapshot(table: CsvTable, market = 'BTCUSD_PERP'): LiquidationEvents {
  const { file, header } = table;
  header.forEach((name, i) => {
    if (!(COINM_SNAPSHOT_COLUMNS as readonly string[]).includes(name)) {
      throw new InputError(file, 1, name, `unknown column #${i + 1} in a liquidationSnapshot file`);
    }
  });
  const col = (n: string): number => {
    const i = columnIndex(table, [n]);
    if (i < 0) throw new InputError(file, 1, n, 'missing column');
    return i;
  };
  const [cTime, cSide, cQty, cPrice, cAvg, cFilled] = ['time', 'side', 'original_quantity', 'price', 'average_price', 'accumulated_fill_quantity'].map(col) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const events = table.rows.map((row): LiquidationEvent => {
    const ts = epochMs(file, row.line, 'time', row.cells[cTime] ?? '');
    const sideRaw = row.cells[cSide];
    if (sideRaw !== 'SELL' && sideRaw !== 'BUY') throw new InputError(file, row.line, 'side', `"${sideRaw}" is neither BUY nor SELL`);
    const filled = numberCell(table, row, cFilled);
    const contracts = filled > 0 ? filled : numberCell(table, row, cQty);
    const avg = numberCell(table, row, cAvg);
    const price = avg > 0 ? avg : numberCell(table, row, cPrice);
    if (!(contracts > 0)) throw new InputError(file, row.line, 'original_quantity', 'no quantity');
    if (!(price > 0)) throw new InputError(file, row.line, 'price', 'no price');
    const notionalUsd = contracts * COINM_BTC_CONTRACT_USD;
    return {
      kind: 'liquidation',
      venue: 'binance-coinm',
      market,
      ts,
      recvTs: ts,
      price,
      qty: notionalUsd / price,
      notionalUsd,
      // A SELL order closes a long.
      side: sideRaw === 'SELL' ? 'long' : 'short',
    };
  });
  return { kind: 'events', file, events: sortByTs(events), skipped: 0 };
}

function sortByTs(events: LiquidationEvent[]): LiquidationEvent[] {
  return events.map((e, i) => [e, i] as const).sort((a, b) => a[0].ts - b[0].ts || a[1] - b[1]).map(([e]) => e);
}
