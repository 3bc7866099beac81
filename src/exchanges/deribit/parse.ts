// Deribit JSON-RPC frames → normalised events (deribit.md §1–2).
// Notifications {"method":"subscription","params":{"channel":"trades.BTC-PERPETUAL.100ms"|"ticker.…","data":…}};
// responses {"id","result"} (acks) or {"id","error"}; heartbeats {"method":"heartbeat"}.
// BTC-PERPETUAL is inverse: `amount` and `open_interest` are USD → BTC = USD / price.
import type { MarketEvent } from '../../core/events.js';
import { arr, FrameError, isObject, obj, parseJson, type JsonObject } from '../../core/fields.js';
import { epochMs, num, optNum, optStr, positive, str } from '../../core/fields-fast.js';
import { Scan } from '../../core/scan.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { btc, isLiquidationFlag, pushTrade, tickerEvents } from './events.js';
import { fastFrame } from './fast.js';
import { templateMessage } from './template.js';

/** A FrameError raised inside row `prefix` names the full path (paths are built only on error). */
function inRow(e: unknown, prefix: string): unknown {
  if (!(e instanceof FrameError)) return e;
  return new FrameError(e.field === 'row' ? prefix : `${prefix}.${e.field}`, e.message.slice(e.field.length + 2));
}

/**
 * By default notifications in Deribit's own layout take the template path (template.ts); `scan:
 * false` parses every frame with JSON.parse (the reference both fast paths are tested against).
 * `scan: true` also puts the scanner path (fast.ts) first. Off by default: with core/scan.ts as
 * measured on 2026-11-26 it was slower than JSON.parse on this venue's number-heavy rows.
 */
export function createDeribitParser(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  const sc = opts.scan === true ? new Scan() : undefined;
  const templates = opts.scan !== false;
  const spec = new Map(markets.map((m) => [m.symbol, m]));

  function trades(rows: readonly unknown[], recvTs: number): MarketEvent[] {
    const out: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        const t = obj(rows[i], 'row');
        const m = spec.get(str(t['instrument_name'], t, 'instrument_name'));
        if (!m) continue;
        const price = positive(t['price'], t, 'price');
        const qty = btc(m, positive(t['amount'], t, 'amount'), price);
        const ts = epochMs(t['timestamp'], t, 'timestamp');
        const takerSide = t['direction'];
        if (takerSide !== 'buy' && takerSide !== 'sell') throw new FrameError('direction', `expected buy or sell, got ${JSON.stringify(takerSide)}`);
        const id = optStr(t['trade_id'], t, 'trade_id');
        const flag = t['liquidation'];
        if (flag !== undefined && flag !== null && typeof flag !== 'string') throw new FrameError('liquidation', `expected a string, got ${JSON.stringify(flag)}`);
        if (typeof flag === 'string' && !isLiquidationFlag(flag)) throw new FrameError('liquidation', `expected "M", "T" or "MT", got ${JSON.stringify(flag.slice(0, 10))}`);
        pushTrade(out, m, ts, recvTs, price, qty, takerSide, id, flag ?? undefined);
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    return out;
  }

  /** Ticker → OI + mark (events.ts). */
  function ticker(d: JsonObject, m: MarketSpec, path: string, recvTs: number): MarketEvent[] {
    try {
      const ts = epochMs(d['timestamp'], d, 'timestamp');
      const markPrice = positive(d['mark_price'], d, 'mark_price');
      const oi = num(d['open_interest'], d, 'open_interest');
      if (oi < 0) throw new FrameError('open_interest', `negative: ${oi}`);
      return tickerEvents(m, ts, recvTs, markPrice, oi, optNum(d['index_price'], d, 'index_price'), optNum(d['funding_8h'], d, 'funding_8h'));
    } catch (e) {
      throw inRow(e, path);
    }
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    const fast = sc && fastFrame(sc, spec, frame, recvTs);
    if (fast) return fast;
    const msg = (templates && templateMessage(frame)) || obj(parseJson(frame), 'frame');
    const method = msg['method'];
    if (method === 'subscription') {
      const params = obj(msg['params'], 'params');
      const channel = str(params['channel'], params, 'channel', 'params.channel');
      const kind = channel.slice(0, channel.indexOf('.'));
      if (kind === 'trades') {
        const events = trades(arr(params['data'], 'params.data'), recvTs);
        return events.length > 0 ? { kind: 'events', events } : { kind: 'drop', reason: `trades: no trade of a subscribed instrument (${channel.slice(0, 50)})` };
      }
      if (kind === 'ticker') {
        const d = obj(params['data'], 'params.data');
        const m = spec.get(str(d['instrument_name'], d, 'instrument_name', 'params.data.instrument_name'));
        if (!m) return { kind: 'drop', reason: `ticker: unsubscribed instrument (${channel.slice(0, 50)})` };
        return { kind: 'events', events: ticker(d, m, 'params.data', recvTs) };
      }
      return { kind: 'drop', reason: `unknown channel ${channel.slice(0, 50)}` };
    }
    if (method === 'heartbeat') return { kind: 'control', what: 'heartbeat' };
    if (msg['error'] !== undefined) {
      const e = msg['error'];
      const text = isObject(e) ? `${String(e['code'])} ${String(e['message'])}` : JSON.stringify(e);
      return { kind: 'drop', reason: `venue error: ${text.slice(0, 100)}` };
    }
    if (msg['result'] !== undefined && msg['id'] !== undefined) return { kind: 'control', what: 'response' };
    return { kind: 'drop', reason: 'unknown frame shape' };
  }

  function rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    const path = req.path.split('?')[0] ?? '';
    if (!path.endsWith('/public/ticker')) return { kind: 'drop', reason: `rest: no parser for ${path}` };
    const msg = obj(parseJson(body), 'body');
    if (msg['error'] !== undefined) return { kind: 'drop', reason: `venue error: ${JSON.stringify(msg['error']).slice(0, 100)}` };
    const d = obj(msg['result'], 'result');
    const m = spec.get(str(d['instrument_name'], d, 'instrument_name', 'result.instrument_name'));
    if (!m) return { kind: 'drop', reason: 'ticker: unsubscribed instrument' };
    return { kind: 'events', events: ticker(d, m, 'result', recvTs) };
  }

  return { ws, rest };
}
