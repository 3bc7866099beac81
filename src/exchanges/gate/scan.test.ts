// The template path (template.ts) gives the JSON.parse path's outcome on every frame, through the
// parser's state (liquidation totals).
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { createGateParser } from './parse.js';
import { templateMessage } from './template.js';
import { FIXTURE_CHANNELS, fixtures, TEST_MARKETS } from './testing.js';

/** The doc contract_stats push compacted, with liquidations on both sides (the doc's are 0). */
const stats = JSON.parse(fixtures('contract_stats')[0]?.raw ?? '') as { result: Record<string, unknown>[] };
Object.assign(stats.result[0] ?? {}, { long_liq_size: '7', short_liq_size: '3', long_liq_usd: 700, short_liq_usd: 330, long_liq_amount: 7, short_liq_amount: 3 });
/** Tickers of both key orders with values sent as numbers or null, not strings (the scalar ticker template). */
const numericTickers = [1, 3].map((k) => {
  const msg = JSON.parse(fixtures('tickers')[k]?.raw ?? '') as { result: Record<string, unknown> | Record<string, unknown>[] };
  const [row, other] = Array.isArray(msg.result) ? msg.result : [msg.result];
  Object.assign(row ?? {}, { mark_price: 5.735, index_price: 5.734, total_size: 46366 });
  Object.assign(other ?? {}, { funding_rate: null });
  return JSON.stringify(msg);
});
const frames = [...FIXTURE_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw)), JSON.stringify(stats), ...numericTickers];

scanEquivalence({
  name: 'gate templates',
  frames,
  // Pushes of the four row channels: compact, with whitespace (doc examples), nested rows (2021 tickers).
  hot: frames.filter((f) => /"channel": ?"futures\.(trades|tickers|public_liquidates|contract_stats)", ?"event": ?"update"/.test(f)),
  takesFastPath: (f) => templateMessage(f) !== undefined,
  fast: () => createGateParser(TEST_MARKETS),
  full: () => createGateParser(TEST_MARKETS, { scan: false }),
  keys: ['time', 'time_ms', 'channel', 'event', 'error', 'result', 'contract', 'size', 'id', 'create_time', 'create_time_ms', 'price', 'is_internal', 't', 'mark_price', 'index_price', 'funding_rate', 'total_size', 'open_interest', 'open_interest_usd', 'long_liq_size', 'short_liq_size', 'long_liq_usd', 'short_liq_usd', 'long_liq_amount', 'short_liq_amount'],
  words: ['futures.trades', 'futures.tickers', 'futures.public_liquidates', 'update', 'subscribe', 'BTC_USDT', 'ETH_USDT', '-108.5', '96.4', '1541503698', '1541503698123'],
  recvTs: 1_700_000_000_000,
});
