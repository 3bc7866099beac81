// Bybit v5 REST bodies: the envelope {"retCode":0,"retMsg":"OK","result":{…},"time":ms} and the
// market endpoints we read (bybit.md §3). Used by the parser (replay/normalize of REST captures),
// by loadMarkets and by the history fetchers.
import type { MarketEvent, OpenInterestEvent } from '../../../core/events.js';
import { arr, epochMs, FrameError, num, obj, parseJson, positive, str, type JsonObject } from '../../../core/fields.js';
import type { MarketSpec, ParseOutcome, RestRequest } from '../../../core/venue.js';
import type { BybitV5Parser } from './parse.js';
import { tickerFields } from './ticker-state.js';
import { sizeToBtc, sizeToUsd } from './units.js';

export interface Envelope {
  readonly result: JsonObject;
  readonly time: number;
}

/** The `result` of a successful answer; a non-zero retCode becomes a FrameError naming it. */
export function readEnvelope(body: string): Envelope {
  const e = obj(parseJson(body), 'body');
  const code = num(e, 'retCode');
  if (code !== 0) throw new FrameError('retCode', `venue error ${code}: ${typeof e['retMsg'] === 'string' ? e['retMsg'] : '?'}`);
  return { result: obj(e['result'], 'result'), time: epochMs(e, 'time') };
}

export interface KlineRow {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Contracts: linear BTC, inverse USD. */
  readonly volume: number;
  /** Quote turnover: linear USDT, inverse BTC. */
  readonly turnover: number;
}

/** /v5/market/kline rows `[startTime, open, high, low, close, volume, turnover]`, newest first. */
export function parseKlines(body: string): KlineRow[] {
  const list = arr(readEnvelope(body).result['list'], 'result.list');
  return list.map((r, i) => {
    const row = arr(r, `result.list[${i}]`);
    const cell = (j: number): number => {
      const v = row[j];
      const n = typeof v === 'string' && v.length > 0 ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw new FrameError(`result.list[${i}][${j}]`, `expected a numeric string, got ${JSON.stringify(v)}`);
      return n;
    };
    return { start: cell(0), open: cell(1), high: cell(2), low: cell(3), close: cell(4), volume: cell(5), turnover: cell(6) };
  });
}

export interface OiRow {
  readonly ts: number;
  /** One-sided OI in venue size units (same rule as TickerState.oneSidedOi). */
  readonly size: number;
}

/** /v5/market/open-interest: list[{openInterest (both sides), singleOpenInterest?, timestamp}] + cursor. */
export function parseOiHistory(body: string): { rows: OiRow[]; cursor: string } {
  const { result } = readEnvelope(body);
  const list = arr(result['list'], 'result.list');
  const rows = list.map((r, i) => {
    const o = obj(r, `result.list[${i}]`);
    const p = `result.list[${i}]`;
    const single = o['singleOpenInterest'];
    const size = single !== undefined && single !== '' && single !== null ? num(o, 'singleOpenInterest', `${p}.singleOpenInterest`) : num(o, 'openInterest', `${p}.openInterest`);
    if (size < 0) throw new FrameError(`${p}.openInterest`, `negative open interest ${size}`);
    return { ts: epochMs(o, 'timestamp', `${p}.timestamp`), size };
  });
  const cursor = typeof result['nextPageCursor'] === 'string' ? result['nextPageCursor'] : '';
  return { rows, cursor };
}

/** /v5/market/instruments-info list row → MarketSpec (contract 1 BTC-unit linear, 1 USD inverse). */
export function parseInstrument(row: JsonObject, path: string): MarketSpec {
  const type = str(row, 'contractType', `${path}.contractType`);
  const kind = type.startsWith('Inverse') ? 'inverse' : type.startsWith('Linear') ? 'linear' : null;
  if (!kind) throw new FrameError(`${path}.contractType`, `unsupported contract type ${type}`);
  const price = obj(row['priceFilter'], `${path}.priceFilter`);
  const lev = obj(row['leverageFilter'], `${path}.leverageFilter`);
  return {
    symbol: str(row, 'symbol', `${path}.symbol`),
    kind,
    // Linear sizes are base coin; an inverse BTCUSD contract is 1 USD (bybit.md §3, [unverified] for the USD value).
    contractSize: 1,
    tickSize: positive(price, 'tickSize', `${path}.priceFilter.tickSize`),
    maxLeverage: positive(lev, 'maxLeverage', `${path}.leverageFilter.maxLeverage`),
  };
}

export function parseInstruments(body: string): MarketSpec[] {
  const list = arr(readEnvelope(body).result['list'], 'result.list');
  return list.map((r, i) => parseInstrument(obj(r, `result.list[${i}]`), `result.list[${i}]`));
}

function pathOf(req: RestRequest): string {
  const q = req.path.indexOf('?');
  return q < 0 ? req.path : req.path.slice(0, q);
}

/** REST bodies that carry market events: tickers (mark, funding, OI) and open-interest rows. */
export function parseRest(p: BybitV5Parser, req: RestRequest, body: string, recvTs: number): ParseOutcome {
  const path = pathOf(req);
  if (path === '/v5/market/tickers') {
    const { result, time } = readEnvelope(body);
    const events: MarketEvent[] = [];
    arr(result['list'], 'result.list').forEach((r, i) => {
      const row = obj(r, `result.list[${i}]`);
      const m = typeof row['symbol'] === 'string' ? p.market(row['symbol']) : undefined;
      if (m) events.push(...p.applyTicker(m, tickerFields(row), true, time, recvTs));
    });
    return { kind: 'events', events };
  }
  if (path === '/v5/market/open-interest') {
    const { result } = readEnvelope(body);
    const symbol = str(result, 'symbol', 'result.symbol');
    const m = p.market(symbol);
    if (!m) return { kind: 'drop', reason: `unknown market ${symbol} (open-interest)` };
    const mark = p.tickerState(symbol)?.markPrice;
    if (mark === undefined) return { kind: 'drop', reason: `open-interest ${symbol}: no mark price known yet to value it` };
    const events: OpenInterestEvent[] = parseOiHistory(body)
      .rows.sort((a, b) => a.ts - b.ts)
      .map((r) => ({ kind: 'openInterest', venue: p.venue, market: symbol, ts: r.ts, recvTs, oiBtc: sizeToBtc(m, r.size, mark), oiUsd: sizeToUsd(m, r.size, mark) }));
    return { kind: 'events', events };
  }
  return { kind: 'drop', reason: `no market events in REST ${path}` };
}
