// Binance futures REST bodies: open interest (current and history) and 1-minute klines.
// Units (binance.md §3): USDⓈ-M sizes are BTC; COIN-M sizes are contracts of 100 USD.
import type { OpenInterestEvent } from '../../core/events.js';
import type { HistoryKline, MarketSpec } from '../../core/venue.js';
import { FrameError, arr, checkMs, epochMs, isObject, num, toNum, type Json, type JsonObject } from '../../core/fields.js';
import type { BinanceProfile } from './profile.js';

/**
 * GET /fapi|dapi/v1/openInterest → {"symbol","openInterest","time"} (COIN-M adds pair, contractType).
 * The body has no price: USD (linear) or BTC (inverse) needs the last price seen; undefined without one.
 */
export function parseOpenInterest(
  profile: BinanceProfile,
  spec: MarketSpec,
  o: JsonObject,
  price: number | undefined,
  recvTs: number,
): OpenInterestEvent | undefined {
  const size = num(o, 'openInterest');
  if (size < 0) throw new FrameError('openInterest', `negative: ${size}`);
  const ts = o.time === undefined ? recvTs : epochMs(o, 'time');
  if (price === undefined) return undefined;
  const oiBtc = spec.kind === 'inverse' ? (size * spec.contractSize) / price : size * spec.contractSize;
  const oiUsd = spec.kind === 'inverse' ? size * spec.contractSize : oiBtc * price;
  if (!Number.isFinite(oiBtc) || !Number.isFinite(oiUsd)) throw new FrameError('openInterest', `out of range: ${size}`);
  return { kind: 'openInterest', venue: profile.venue, market: spec.symbol, ts, recvTs, oiBtc, oiUsd };
}

/**
 * GET /futures/data/openInterestHist rows. USDⓈ-M: sumOpenInterest BTC, sumOpenInterestValue USDT.
 * COIN-M: sumOpenInterest contracts, sumOpenInterestValue BTC [unverified: COIN-M doc example
 * comments "unit: cont" / "unit: base asset", binance.md §3] — so no price is needed either way.
 */
export function parseOpenInterestHist(
  profile: BinanceProfile,
  spec: MarketSpec,
  row: JsonObject,
  recvTs: number,
  path: string,
): OpenInterestEvent {
  const size = num(row, 'sumOpenInterest', `${path}.sumOpenInterest`);
  const value = num(row, 'sumOpenInterestValue', `${path}.sumOpenInterestValue`);
  if (size < 0 || value < 0) throw new FrameError(`${path}.sumOpenInterest`, 'negative open interest');
  const ts = epochMs(row, 'timestamp', `${path}.timestamp`);
  const oiBtc = spec.kind === 'inverse' ? value : size * spec.contractSize;
  const oiUsd = spec.kind === 'inverse' ? size * spec.contractSize : value;
  if (!Number.isFinite(oiBtc) || !Number.isFinite(oiUsd)) throw new FrameError(`${path}.sumOpenInterest`, `out of range: ${size}`);
  return { kind: 'openInterest', venue: profile.venue, market: spec.symbol, ts, recvTs, oiBtc, oiUsd };
}

/**
 * One kline row: [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades,
 * takerBuyVolume, takerBuyQuoteVolume, ignore]. USDⓈ-M volume and taker-buy volume are BTC.
 * COIN-M volume is contracts and column 7 is the base-asset (BTC) volume, column 10 the taker-buy
 * base volume [unverified: COIN-M kline doc example, binance.md §3].
 */
export function parseKlineRow(spec: MarketSpec, v: Json, path: string): HistoryKline {
  const row = arr(v, path);
  const at = (i: number): number => toNum(row[i], `${path}[${i}]`);
  const volume = spec.kind === 'inverse' ? at(7) : at(5) * spec.contractSize;
  const buy = spec.kind === 'inverse' ? at(10) : at(9) * spec.contractSize;
  const k = { ts: at(0), open: at(1), high: at(2), low: at(3), close: at(4), volume, buyVolume: buy };
  if (!(k.open > 0 && k.high > 0 && k.low > 0 && k.close > 0)) throw new FrameError(path, 'non-positive price');
  if (k.volume < 0 || buy < 0) throw new FrameError(path, 'negative volume');
  checkMs(k.ts, `${path}[0]`);
  return k;
}

/** Binance's REST error body {"code":-1121,"msg":"Invalid symbol."}, if that is what `v` is. */
export function restError(v: Json): string | undefined {
  if (!isObject(v) || typeof v.code !== 'number' || typeof v.msg !== 'string') return undefined;
  return `venue error ${v.code}: ${v.msg}`;
}
