// Normalised events → Bybit v5 frames, for the mock server and the demo simulator: publicTrade,
// allLiquidation and tickers deltas (only the changed fields), with the merged ticker kept so a new
// subscriber gets a full snapshot first.
import type { MarketEvent } from '../../../core/events.js';
import type { MarketSpec } from '../../../core/venue.js';
import type { EncodedFrame } from '../../mock/server.js';
import { btcToSize } from './units.js';

/** Decimal text without exponent or trailing zeros, at most `dp` decimals. */
export function dec(n: number, dp = 8): string {
  const s = n.toFixed(dp);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Venue size text for `qtyBtc`: linear to 8 decimals, inverse whole USD contracts. */
function sizeText(m: MarketSpec, qtyBtc: number, price: number): string | null {
  const size = btcToSize(m, qtyBtc, price);
  const text = m.kind === 'inverse' ? String(Math.round(size)) : dec(size);
  return Number(text) > 0 ? text : null;
}

export class V5Encoder {
  /** Merged tickers fields per symbol, as Bybit would send them in a snapshot. */
  readonly tickers = new Map<string, Record<string, string>>();
  private seq = 1_000_000;
  private cs = 5_000_000;

  constructor(private readonly markets: ReadonlyMap<string, MarketSpec>) {}

  encode(e: MarketEvent): EncodedFrame[] {
    const m = this.markets.get(e.market);
    if (!m) return [];
    switch (e.kind) {
      case 'trade': {
        const v = sizeText(m, e.qty, e.price);
        if (!v) return [];
        const seq = ++this.seq;
        const item = { T: e.ts, s: m.symbol, S: e.takerSide === 'buy' ? 'Buy' : 'Sell', v, p: dec(e.price, 2), L: 'ZeroPlusTick', i: e.id ?? `mock-${seq}`, BT: false, RPI: false, seq };
        this.merge(m.symbol, { lastPrice: dec(e.price, 2) });
        return [{ topic: `publicTrade.${m.symbol}`, frame: JSON.stringify({ topic: `publicTrade.${m.symbol}`, type: 'snapshot', ts: e.ts, data: [item] }) }];
      }
      case 'liquidation': {
        const v = sizeText(m, e.qty, e.price);
        if (!v) return [];
        // S is the position side: Buy = a long was liquidated (bybit.md §2.2).
        const item = { T: e.ts, s: m.symbol, S: e.side === 'long' ? 'Buy' : 'Sell', v, p: dec(e.price, 2) };
        return [{ topic: `allLiquidation.${m.symbol}`, frame: JSON.stringify({ topic: `allLiquidation.${m.symbol}`, type: 'snapshot', ts: e.ts, data: [item] }) }];
      }
      case 'mark': {
        const d: Record<string, string> = { markPrice: dec(e.markPrice, 2) };
        if (e.indexPrice !== undefined) d['indexPrice'] = dec(e.indexPrice, 2);
        if (e.fundingRate !== undefined) d['fundingRate'] = dec(e.fundingRate, 8);
        if (e.nextFundingTs !== undefined) d['nextFundingTime'] = String(e.nextFundingTs);
        return [this.delta(m.symbol, e.ts, d)];
      }
      case 'openInterest': {
        // One side in singleOpenInterest, both in openInterest (since 2026-06-11, bybit.md §2.3).
        const single = m.kind === 'inverse' ? Math.round(e.oiUsd / m.contractSize) : e.oiBtc / m.contractSize;
        const value = m.kind === 'inverse' ? e.oiBtc : e.oiUsd;
        const fmt = (n: number): string => (m.kind === 'inverse' ? String(Math.round(n)) : dec(n, 3));
        return [
          this.delta(m.symbol, e.ts, {
            openInterest: fmt(single * 2),
            openInterestValue: dec(value * 2, 2),
            singleOpenInterest: fmt(single),
            singleOpenInterestValue: dec(value, 2),
          }),
        ];
      }
      case 'status':
        return [];
    }
  }

  /** Full tickers snapshot of a symbol, or null before anything is known. */
  snapshot(symbol: string, ts: number): string | null {
    const t = this.tickers.get(symbol);
    if (!t) return null;
    return JSON.stringify({ topic: `tickers.${symbol}`, type: 'snapshot', data: { symbol, ...t }, cs: ++this.cs, ts });
  }

  private merge(symbol: string, d: Record<string, string>): void {
    this.tickers.set(symbol, { ...(this.tickers.get(symbol) ?? {}), ...d });
  }

  private delta(symbol: string, ts: number, d: Record<string, string>): EncodedFrame {
    this.merge(symbol, d);
    return { topic: `tickers.${symbol}`, frame: JSON.stringify({ topic: `tickers.${symbol}`, type: 'delta', data: { symbol, ...d }, cs: ++this.cs, ts }) };
  }
}
