// The bybit-inverse mock: USD-contract frames round-trip to BTC; REST history and risk tiers in
// inverse units (kline volume USD / turnover BTC, risk caps in BTC with percent rates).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { loadV5RiskTiers } from '../bybit-linear/v5/markets.js';
import { MockServer } from '../mock/server.js';
import { adapter, FALLBACK_MARKETS } from './index.js';
import { createMockProtocol } from './mock.js';

const M = FALLBACK_MARKETS[0] ?? { symbol: 'BTCUSD', kind: 'inverse', contractSize: 1, tickSize: 0.5, maxLeverage: 100 };
let now = 1_786_310_820_000;
let server: MockServer;
let urls: { httpUrl: string; wsUrl: string };

beforeEach(async () => {
  server = new MockServer(createMockProtocol(), { now: () => now });
  urls = await server.start();
});
afterEach(async () => {
  await server.close();
});
const http = () => createHttpClient(urls.httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 });

describe('bybit-inverse mock', () => {
  it('round trip in USD contracts: whole contracts, BTC back at the price', () => {
    const proto = createMockProtocol();
    const parser = adapter.createParser(FALLBACK_MARKETS);
    const state = { venue: 'bybit-inverse' as const, last: new Map(), history: [], now: () => now };
    const t = now;
    const input: MarketEvent[] = [
      { kind: 'mark', venue: 'bybit-inverse', market: 'BTCUSD', ts: t, recvTs: t, markPrice: 64000, indexPrice: 64010, fundingRate: -0.0002, nextFundingTs: 1786320000000 },
      { kind: 'openInterest', venue: 'bybit-inverse', market: 'BTCUSD', ts: t + 1, recvTs: t + 1, oiBtc: 5000, oiUsd: 320_000_000 },
      { kind: 'trade', venue: 'bybit-inverse', market: 'BTCUSD', ts: t + 2, recvTs: t + 2, price: 64000, qty: 0.5, takerSide: 'sell', id: 'x' },
      { kind: 'liquidation', venue: 'bybit-inverse', market: 'BTCUSD', ts: t + 3, recvTs: t + 3, price: 64000, qty: 0.25, notionalUsd: 16000, side: 'short' },
    ];
    for (const e of input) {
      const [f] = proto.encode(e, state);
      const out = parser.ws(f?.frame ?? '', e.recvTs);
      const got = out.kind === 'events' ? out.events.find((x) => x.kind === e.kind) : undefined;
      expect(got).toEqual(e);
    }
    const [trade] = proto.encode(input[2] as MarketEvent, state);
    expect(JSON.parse(trade?.frame ?? '{}')).toMatchObject({ topic: 'publicTrade.BTCUSD', data: [{ s: 'BTCUSD', S: 'Sell', v: '32000', p: '64000' }] });
  });

  it('klines: inverse volume is USD, the BTC volume comes from turnover', async () => {
    const t0 = 1_786_300_000_000 - (1_786_300_000_000 % 60_000);
    for (let i = 0; i < 10; i++) server.publish({ kind: 'trade', venue: 'bybit-inverse', market: 'BTCUSD', ts: t0 + i * 60_000 + 5, recvTs: 0, price: 64000, qty: 0.5, takerSide: 'buy' });
    now = t0 + 10 * 60_000;
    const raw = JSON.parse((await http().request({ method: 'GET', path: `/v5/market/kline?category=inverse&symbol=BTCUSD&interval=1&start=${t0}&end=${now}` })).body) as { result: { list: string[][] } };
    expect(raw.result.list[0]).toEqual([String(t0 + 9 * 60_000), '64000', '64000', '64000', '64000', '32000', '0.5']);
    const kl = await adapter.history?.klines(http(), M, t0, now);
    expect(kl?.map((k) => k.volume)).toEqual(Array(10).fill(0.5));
  });

  it('risk-limit in the doc shape (cap in BTC, rates in percent) → USD tiers, fraction rates', async () => {
    expect(await loadV5RiskTiers(http(), M, 64000)).toEqual([{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }]);
    expect(await adapter.loadMarkets?.(http(), ['BTCUSD'])).toEqual([M]);
  });
});
