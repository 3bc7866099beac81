// Hyperliquid frames → normalised events. Sizes are BTC already (coin-denominated perps, USDC margin).
// WS: {"channel":"trades"|"activeAssetCtx"|"subscriptionResponse"|"pong"|"error","data":…} (hyperliquid.md §1.2, §2).
// REST: POST /info {"type":"metaAndAssetCtxs"} → [meta, assetCtxs] (index-aligned with meta.universe, §3.2).
import type { MarketEvent } from '../../core/events.js';
import { arr, FrameError, isObject, obj, parseJson, type JsonObject } from '../../core/fields.js';
import { epochMs, num, optNum, positive, str } from '../../core/fields-fast.js';
import { Scan } from '../../core/scan.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { backstopEvent, ctxEvents, tradeEvent } from './events.js';
import { fastFrame } from './fast.js';

export { HLP_LIQUIDATOR, intStr } from './events.js';

/** Text the server may send right after connect (hyperliquid.md §1.1); not JSON. */
const WELCOME = 'Websocket connection established.';

/** `scan: false` parses every frame with JSON.parse (the reference the fast path is tested against). */
export function createHyperliquidParser(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  const sc = opts.scan === false ? undefined : new Scan();
  const known = new Set(markets.map((m) => m.symbol));

  function trades(data: readonly unknown[], recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    let foreign = '';
    for (let i = 0; i < data.length; i++) {
      try {
        const t = obj(data[i], 'row');
        const coin = str(t['coin'], t, 'coin');
        if (!known.has(coin)) {
          foreign = coin.slice(0, 40);
          continue;
        }
        const price = positive(t['px'], t, 'px');
        const qty = positive(t['sz'], t, 'sz');
        const ts = epochMs(t['time'], t, 'time');
        const tid = num(t['tid'], t, 'tid');
        const side = t['side'];
        if (side !== 'B' && side !== 'A') throw new FrameError('side', `expected "B" or "A", got ${JSON.stringify(side)}`);
        const trade = tradeEvent(coin, ts, recvTs, price, qty, side, tid);
        events.push(trade);
        if (t['users'] === undefined) continue;
        const pair = arr(t['users'], 'users');
        const buyer = pair[0];
        const seller = pair[1];
        if (typeof buyer !== 'string' || typeof seller !== 'string') throw new FrameError('users', 'expected [buyer, seller] addresses');
        const liq = backstopEvent(trade, buyer, seller);
        if (liq) events.push(liq);
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    if (events.length === 0) return { kind: 'drop', reason: data.length === 0 ? 'trades: empty data' : `trades: unsubscribed coin ${foreign}` };
    return { kind: 'events', events };
  }

  /**
   * Asset context → open interest + mark. `openInterest` is ONE-SIDED and in BTC (the sum of long
   * positions; ccxt maps it to openInterestAmount, base units; 32 227 BTC ≈ 2.08 B USD in the
   * 2026 capture matches Hyperliquid's headline one-sided figure). USD = openInterest × markPx.
   * `funding` is the current rate per HOUR (hyperliquid.md §2.2); `oraclePx` is the index.
   * The ctx carries no time: events take the receive time.
   */
  function assetCtx(coin: string, ctx: JsonObject, recvTs: number): MarketEvent[] {
    const markPrice = positive(ctx['markPx'], ctx, 'markPx');
    const oiBtc = num(ctx['openInterest'], ctx, 'openInterest');
    if (oiBtc < 0) throw new FrameError('openInterest', `negative: ${oiBtc}`);
    const indexPrice = optNum(ctx['oraclePx'], ctx, 'oraclePx');
    const fundingRate = optNum(ctx['funding'], ctx, 'funding');
    return ctxEvents(coin, recvTs, markPrice, oiBtc, indexPrice, fundingRate);
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    if (frame === WELCOME) return { kind: 'control', what: 'welcome' };
    const fast = sc && fastFrame(sc, known, frame, recvTs);
    if (fast) return fast;
    const msg = obj(parseJson(frame), 'frame');
    const channel = str(msg['channel'], msg, 'channel');
    switch (channel) {
      case 'trades':
        return trades(arr(msg['data'], 'data'), recvTs);
      case 'activeAssetCtx': {
        const data = obj(msg['data'], 'data');
        const coin = str(data['coin'], data, 'coin', 'data.coin');
        if (!known.has(coin)) return { kind: 'drop', reason: `activeAssetCtx: unsubscribed coin ${coin}` };
        try {
          return { kind: 'events', events: assetCtx(coin, obj(data['ctx'], 'ctx'), recvTs) };
        } catch (e) {
          throw inRow(e, 'data');
        }
      }
      case 'subscriptionResponse':
        return { kind: 'control', what: 'subscribed' };
      case 'pong':
        return { kind: 'control', what: 'pong' };
      case 'error': {
        const d = msg['data'];
        return { kind: 'drop', reason: `venue error: ${typeof d === 'string' ? d.slice(0, 100) : JSON.stringify(d ?? null).slice(0, 100)}` };
      }
      default:
        return { kind: 'drop', reason: `unknown channel ${channel.slice(0, 40)}` };
    }
  }

  function rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    const type = requestType(req);
    if (type !== 'metaAndAssetCtxs') return { kind: 'drop', reason: `rest: no parser for info type ${type}` };
    const root = arr(parseJson(body), 'body');
    const universe = arr(obj(root[0], 'body[0]')['universe'], 'body[0].universe');
    const ctxs = arr(root[1], 'body[1]');
    const events: MarketEvent[] = [];
    for (let i = 0; i < universe.length; i++) {
      const u = universe[i];
      if (!isObject(u) || typeof u['name'] !== 'string' || !known.has(u['name'])) continue;
      try {
        events.push(...assetCtx(u['name'], obj(ctxs[i], 'ctx'), recvTs));
      } catch (e) {
        throw inRow(e, `body[1][${i}]`);
      }
    }
    if (events.length === 0) return { kind: 'drop', reason: 'metaAndAssetCtxs: no subscribed coin in universe' };
    return { kind: 'events', events };
  }

  return { ws, rest };
}

/** A FrameError raised inside row `prefix` names the full path (paths are built only on error). */
function inRow(e: unknown, prefix: string): unknown {
  if (!(e instanceof FrameError)) return e;
  const field = e.field === 'row' || e.field === 'ctx' ? prefix : `${prefix}.${e.field}`;
  return new FrameError(field, e.message.slice(e.field.length + 2));
}

/** The `type` of a POST /info body (the request names what the answer is). */
export function requestType(req: RestRequest): string {
  if (req.method !== 'POST' || !req.path.startsWith('/info') || req.body === undefined) return `${req.method} ${req.path}`;
  try {
    const b: unknown = JSON.parse(req.body);
    return isObject(b) && typeof b['type'] === 'string' ? b['type'] : 'unknown';
  } catch {
    return 'unreadable body';
  }
}
