// Read Binance bulk zips: one CSV inside, with or without a header row (older files have none).
import { unzipSync } from 'fflate';

export class VisionFormatError extends Error {}

/** The text of the single CSV file in a zip. */
export function csvOfZip(zip: Uint8Array, what: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new VisionFormatError(`${what}: not a readable zip (${(e as Error).message})`);
  }
  const name = Object.keys(files).find((n) => n.toLowerCase().endsWith('.csv'));
  if (!name) throw new VisionFormatError(`${what}: the zip holds no .csv file`);
  return new TextDecoder().decode(files[name]);
}

/** Data rows as string cells; a first line that is not numeric in column 0 is a header and skipped. */
function rowsOf(csv: string): string[][] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0]?.split(',')[0] ?? '';
  const start = first !== '' && Number.isNaN(Number(first)) && Number.isNaN(Date.parse(`${first}Z`)) ? 1 : 0;
  return lines.slice(start).map((l) => l.split(',').map((c) => c.trim()));
}

/** Epoch ms from ms, µs (files from 2025 on may use microseconds) or "YYYY-MM-DD HH:MM:SS" UTC. */
export function toMs(cell: string): number {
  if (/^\d+$/.test(cell)) {
    const n = Number(cell);
    return n > 1e14 ? Math.floor(n / 1000) : n;
  }
  return Date.parse(`${cell.replace(' ', 'T')}Z`);
}

function num(row: readonly string[], i: number, what: string, line: number): number {
  const v = Number(row[i]);
  if (row[i] === undefined || row[i] === '' || !Number.isFinite(v)) throw new VisionFormatError(`${what} row ${line}: column ${i + 1} is not a number (${JSON.stringify(row[i])})`);
  return v;
}

export interface VisionKline {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** USDⓈ-M: BTC; COIN-M: contracts. */
  readonly volume: number;
  /** USDⓈ-M: USDT; COIN-M: BTC (the "base asset volume" column). */
  readonly quoteVolume: number;
  readonly trades: number;
  /** USDⓈ-M: BTC (taker buy base); COIN-M: contracts. */
  readonly takerBuyVolume: number;
  /** USDⓈ-M: USDT; COIN-M: BTC. */
  readonly takerBuyQuoteVolume: number;
}

// open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore
export function parseKlines(csv: string, what: string): VisionKline[] {
  return rowsOf(csv).map((r, i) => ({
    ts: toMs(r[0] ?? ''),
    open: num(r, 1, what, i),
    high: num(r, 2, what, i),
    low: num(r, 3, what, i),
    close: num(r, 4, what, i),
    volume: num(r, 5, what, i),
    quoteVolume: num(r, 7, what, i),
    trades: num(r, 8, what, i),
    takerBuyVolume: num(r, 9, what, i),
    takerBuyQuoteVolume: num(r, 10, what, i),
  }));
}

export interface VisionOi {
  readonly ts: number;
  /** USDⓈ-M: BTC; COIN-M: contracts. */
  readonly sumOpenInterest: number;
  /** USDⓈ-M: USD; COIN-M: BTC. */
  readonly sumOpenInterestValue: number;
}

// create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,...
export function parseMetrics(csv: string, what: string): VisionOi[] {
  return rowsOf(csv)
    .map((r, i) => ({ ts: toMs(r[0] ?? ''), sumOpenInterest: num(r, 2, what, i), sumOpenInterestValue: num(r, 3, what, i) }))
    .filter((o) => Number.isFinite(o.ts));
}

export interface VisionLiquidation {
  readonly ts: number;
  readonly side: 'BUY' | 'SELL';
  /** Filled quantity (USDⓈ-M: BTC; COIN-M: contracts). */
  readonly qty: number;
  readonly price: number;
}

// time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity
export function parseLiquidations(csv: string, what: string): VisionLiquidation[] {
  const out: VisionLiquidation[] = [];
  rowsOf(csv).forEach((r, i) => {
    const side = r[1];
    if (side !== 'BUY' && side !== 'SELL') throw new VisionFormatError(`${what} row ${i}: side ${JSON.stringify(side)}`);
    const filled = num(r, 9, what, i);
    const avg = num(r, 6, what, i);
    const qty = filled > 0 ? filled : num(r, 4, what, i);
    const price = avg > 0 ? avg : num(r, 5, what, i);
    if (qty > 0 && price > 0) out.push({ ts: toMs(r[0] ?? ''), side, qty, price });
  });
  return out;
}
