// bybit-inverse parser on verbatim frames: sizes are USD contracts → BTC at the trade/mark price.
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { MarketEventSchema } from '../../core/events.js';
import type { ParseOutcome } from '../../core/venue.js';
import { createV5Parser } from '../bybit-linear/v5/parse.js';
import { fixtureFrames } from '../bybit-linear/v5/fixture-lines.js';
import { adapter, FALLBACK_MARKETS } from './index.js';

const R = 1_700_000_000_000;
const parser = () => adapter.createParser(FALLBACK_MARKETS);
const events = (o: ParseOutcome): readonly MarketEvent[] => {
  if (o.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(o)}`);
  for (const e of o.events) MarketEventSchema.parse(e);
  return o.events;
};
const first = (channel: string, i = 0): string => fixtureFrames('bybit-inverse', channel)[i] ?? '';

describe('bybit-inverse', () => {
  it('publicTrade: v USD contracts → BTC = v / p', () => {
    const base = { kind: 'trade', venue: 'bybit-inverse', market: 'BTCUSD', ts: 1680673823564, recvTs: R, price: 28560.5, takerSide: 'buy' } as const;
    expect(events(parser().ws(first('publicTrade'), R))).toEqual([
      { ...base, qty: 5823 / 28560.5, id: '0cbf2330-952d-5d03-a462-4bf826c867af' },
      { ...base, qty: 3 / 28560.5, id: '912e56de-9ed6-5f4f-9421-f0ff5a42d84a' },
      { ...base, qty: 5593 / 28560.5, id: 'cb558b74-cf72-5157-b53b-93944db336ad' },
    ]);
  });

  it('tickers: openInterest in USD → BTC at the mark; the delta keeps the merged mark', () => {
    const p = parser();
    const mark = { kind: 'mark', venue: 'bybit-inverse', market: 'BTCUSD', recvTs: R, markPrice: 28560, indexPrice: 28566.94, fundingRate: 0.0001, nextFundingTs: 1680681600000 } as const;
    expect(events(p.ws(first('tickers', 0), R))).toEqual([
      { ...mark, ts: 1680673822577 },
      { kind: 'openInterest', venue: 'bybit-inverse', market: 'BTCUSD', ts: 1680673822577, recvTs: R, oiBtc: 449736676 / 28560, oiUsd: 449736676 },
    ]);
    expect(events(p.ws(first('tickers', 1), R))).toEqual([
      { ...mark, ts: 1680673822776 },
      { kind: 'openInterest', venue: 'bybit-inverse', market: 'BTCUSD', ts: 1680673822776, recvTs: R, oiBtc: 449736674 / 28560, oiUsd: 449736674 },
    ]);
    // Bybit's own openInterestValue (BTC) for the snapshot is 15747.08.
    const oi = events(parser().ws(first('tickers', 0), R)).find((e) => e.kind === 'openInterest');
    expect(oi?.kind === 'openInterest' ? oi.oiBtc : 0).toBeCloseTo(15747.08, 2);
  });

  it('liquidations: position side (Sell → short), size USD → BTC at the price, notional = size', () => {
    const xrp = createV5Parser('bybit-inverse', [...FALLBACK_MARKETS, { symbol: 'XRPUSD', kind: 'inverse', contractSize: 1, tickSize: 0.0001, maxLeverage: 50 }]);
    expect(events(xrp.ws(first('liquidation'), R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-inverse', market: 'XRPUSD', ts: 1680673944093, recvTs: R, price: 0.5149, qty: 6949 / 0.5149, notionalUsd: 6949, side: 'short' },
    ]);
    // allLiquidation.BTCUSD in the documented shape (no verbatim inverse frame exists in our sources).
    const frame = '{"topic":"allLiquidation.BTCUSD","type":"snapshot","ts":1740480207578,"data":[{"T":1740480207110,"s":"BTCUSD","S":"Buy","v":"12000","p":"96000"}]}';
    expect(events(parser().ws(frame, R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-inverse', market: 'BTCUSD', ts: 1740480207110, recvTs: R, price: 96000, qty: 0.125, notionalUsd: 12000, side: 'long' },
    ]);
  });

  it('control, errors and dated futures are told apart', () => {
    for (const f of fixtureFrames('bybit-inverse', 'control')) expect(parser().ws(f, R).kind).toBe('control');
    for (const f of fixtureFrames('bybit-inverse', 'error')) expect(parser().ws(f, R)).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/^venue error on subscribe: /) });
    for (const f of fixtureFrames('bybit-inverse', 'other-channels')) expect(parser().ws(f, R)).toEqual({ kind: 'drop', reason: 'unknown market BTCUSDU23 (topic tickers.BTCUSDU23)' });
  });
});
