// Deribit JSON-RPC frames → normalised events (deribit.md §1–2).
// Notifications {"method":"subscription","params":{"channel":"trades.BTC-PERPETUAL.100ms"|"ticker.…","data":…}};
// responses {"id","result"} (acks) or {"id","error"}; heartbeats {"method":"heartbeat"}.
// BTC-PERPETUAL is inverse: `amount` and `open_interest` are USD → BTC = USD / price.
import type { MarketEvent, MarkEvent } from '../../core/events.js';
import { arr, epochMs, FrameError, isObject, num, obj, optNum, optStr, parseJson, positive, str, type JsonObject } from '../../core/fields.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';

/**
 * `liquidation` on a trade says WHO was liquidated (tardis-dev deribitLiquidationsMapper, deribit.md §2.1):
 * "T" the taker, "M" the maker, "MT" both. The liquidated party's order closed its position, so its
 * order side names the position: a SELL closed a LONG, a BUY closed a SHORT. The taker's side is
 * `direction`, the maker's the opposite. "MT" gives two events (one long, one short) — tardis-dev
 * emits only the maker's for MT; both positions were liquidated, so both are counted here.
 */
export function liquidatedSides(flag: string, direction: 'buy' | 'sell'): ('long' | 'short')[] {
  const taker = direction === 'sell' ? 'long' : 'short';
  const maker = direction === 'sell' ? 'short' : 'long';
  switch (flag) {
    case 'T':
      return [taker];
    case 'M':
      return [maker];
    case 'MT':
      return [maker, taker];
    default:
      throw new FrameError('liquidation', `expected "M", "T" or "MT", got ${JSON.stringify(flag.slice(0, 10))}`);
  }
}

/** A FrameError raised inside row `prefix` names the full path (paths are built only on error). */
function inRow(e: unknown, prefix: string): unknown {
  if (!(e instanceof FrameError)) return e;
  return new FrameError(e.field === 'row' ? prefix : `${prefix}.${e.field}`, e.message.slice(e.field.length + 2));
}

export function createDeribitParser(markets: readonly MarketSpec[]): VenueParser {
  const spec = new Map(markets.map((m) => [m.symbol, m]));

  /** Inverse: USD amount → BTC at `price`. Linear (USDC) perpetuals quote amounts in BTC already (§4.1). */
  function btc(m: MarketSpec, amount: number, price: number): number {
    return m.kind === 'inverse' ? amount / price : amount;
  }

  function trades(rows: readonly unknown[], recvTs: number): MarketEvent[] {
    const out: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        const t = obj(rows[i], 'row');
        const m = spec.get(str(t, 'instrument_name'));
        if (!m) continue;
        const price = positive(t, 'price');
        const qty = btc(m, positive(t, 'amount'), price);
        const ts = epochMs(t, 'timestamp');
        const takerSide = t['direction'];
        if (takerSide !== 'buy' && takerSide !== 'sell') throw new FrameError('direction', `expected buy or sell, got ${JSON.stringify(takerSide)}`);
        const id = optStr(t, 'trade_id');
        out.push(
          id === undefined
            ? { kind: 'trade', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, takerSide }
            : { kind: 'trade', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, takerSide, id },
        );
        const flag = t['liquidation'];
        if (flag === undefined || flag === null) continue;
        if (typeof flag !== 'string') throw new FrameError('liquidation', `expected a string, got ${JSON.stringify(flag)}`);
        for (const side of liquidatedSides(flag, takerSide)) {
          out.push({ kind: 'liquidation', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, notionalUsd: qty * price, side });
        }
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    return out;
  }

  /**
   * Ticker → OI + mark. `open_interest` is one-sided, in USD for the inverse perpetual (BTC = USD / mark).
   * fundingRate: `funding_8h`, the funding over the last 8 h, so it compares with other venues' 8 h
   * rates; `current_funding` is the instantaneous rate of the continuously accruing perpetual.
   */
  function ticker(d: JsonObject, m: MarketSpec, path: string, recvTs: number): MarketEvent[] {
    const ts = epochMs(d, 'timestamp', `${path}.timestamp`);
    const markPrice = positive(d, 'mark_price', `${path}.mark_price`);
    const oi = num(d, 'open_interest', `${path}.open_interest`);
    if (oi < 0) throw new FrameError(`${path}.open_interest`, `negative: ${oi}`);
    const index = optNum(d, 'index_price', `${path}.index_price`);
    const funding = optNum(d, 'funding_8h', `${path}.funding_8h`);
    const oiBtc = btc(m, oi, markPrice);
    let mark: MarkEvent;
    if (index !== undefined && index > 0 && funding !== undefined) {
      mark = { kind: 'mark', venue: 'deribit', market: m.symbol, ts, recvTs, markPrice, indexPrice: index, fundingRate: funding };
    } else {
      mark = { kind: 'mark', venue: 'deribit', market: m.symbol, ts, recvTs, markPrice };
      if (index !== undefined && index > 0) Object.assign(mark, { indexPrice: index });
      if (funding !== undefined) Object.assign(mark, { fundingRate: funding });
    }
    return [{ kind: 'openInterest', venue: 'deribit', market: m.symbol, ts, recvTs, oiBtc, oiUsd: m.kind === 'inverse' ? oi : oiBtc * markPrice }, mark];
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    const msg = obj(parseJson(frame), 'frame');
    const method = msg['method'];
    if (method === 'subscription') {
      const params = obj(msg['params'], 'params');
      const channel = str(params, 'channel', 'params.channel');
      const kind = channel.slice(0, channel.indexOf('.'));
      if (kind === 'trades') {
        const events = trades(arr(params['data'], 'params.data'), recvTs);
        return events.length > 0 ? { kind: 'events', events } : { kind: 'drop', reason: `trades: no trade of a subscribed instrument (${channel.slice(0, 50)})` };
      }
      if (kind === 'ticker') {
        const d = obj(params['data'], 'params.data');
        const m = spec.get(str(d, 'instrument_name', 'params.data.instrument_name'));
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
    const m = spec.get(str(d, 'instrument_name', 'result.instrument_name'));
    if (!m) return { kind: 'drop', reason: 'ticker: unsubscribed instrument' };
    return { kind: 'events', events: ticker(d, m, 'result', recvTs) };
  }

  return { ws, rest };
}
