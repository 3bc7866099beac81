// Hyperliquid frames → normalised events. Sizes are BTC already (coin-denominated perps, USDC margin).
// WS: {"channel":"trades"|"activeAssetCtx"|"subscriptionResponse"|"pong"|"error","data":…} (hyperliquid.md §1.2, §2).
// REST: POST /info {"type":"metaAndAssetCtxs"} → [meta, assetCtxs] (index-aligned with meta.universe, §3.2).
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import { arr, epochMs, FrameError, isObject, num, obj, optNum, parseJson, positive, str, type JsonObject } from '../../core/fields.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';

/**
 * The HLP Liquidator vault, the backstop liquidator: when book liquidation fails, it takes over the
 * liquidated position, so a trade with it as a party is a backstop liquidation. Address: HLP child
 * vault "Liquidator" (vaultDetails of HLP 0xdfc24b07…; several public SDKs name it) [unverified against
 * a live backstop fill]. Ordinary liquidations go to the book as anonymous trades and stay unrecognised.
 */
export const HLP_LIQUIDATOR = '0x2e3d94f0562703b25c83308a05046ddaf9a8dd14';

/** Text the server may send right after connect (hyperliquid.md §1.1); not JSON. */
const WELCOME = 'Websocket connection established.';

export function createHyperliquidParser(markets: readonly MarketSpec[]): VenueParser {
  const known = new Set(markets.map((m) => m.symbol));

  function trades(data: readonly unknown[], recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    let foreign = '';
    for (let i = 0; i < data.length; i++) {
      try {
        const t = obj(data[i], 'row');
        const coin = str(t, 'coin');
        if (!known.has(coin)) {
          foreign = coin.slice(0, 40);
          continue;
        }
        const price = positive(t, 'px');
        const qty = positive(t, 'sz');
        const ts = epochMs(t, 'time');
        const tid = num(t, 'tid');
        // `side` is the aggressor: B = buy (lifted the ask), A = sell (hit the bid) (hyperliquid.md §2.1).
        const side = t['side'];
        if (side !== 'B' && side !== 'A') throw new FrameError('side', `expected "B" or "A", got ${JSON.stringify(side)}`);
        // tid alone is not unique: Hyperliquid says use (time, coin, tid).
        const trade: TradeEvent = { kind: 'trade', venue: 'hyperliquid', market: coin, ts, recvTs, price, qty, takerSide: side === 'B' ? 'buy' : 'sell', id: `${intStr(ts)}-${intStr(tid)}` };
        events.push(trade);
        const liq = t['users'] === undefined ? null : backstop(t, trade);
        if (liq) events.push(liq);
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    if (events.length === 0) return { kind: 'drop', reason: data.length === 0 ? 'trades: empty data' : `trades: unsubscribed coin ${foreign}` };
    return { kind: 'events', events };
  }

  /**
   * `users` = [buyer, seller]. The vault takes over the liquidated position: the vault buying means
   * the liquidated user sold, i.e. a LONG was liquidated; the vault selling means a SHORT was.
   */
  function backstop(t: JsonObject, trade: TradeEvent): LiquidationEvent | null {
    const pair = arr(t['users'], 'users');
    const buyer = pair[0];
    const seller = pair[1];
    if (typeof buyer !== 'string' || typeof seller !== 'string') throw new FrameError('users', 'expected [buyer, seller] addresses');
    const vaultBuys = buyer.toLowerCase() === HLP_LIQUIDATOR;
    if (!vaultBuys && seller.toLowerCase() !== HLP_LIQUIDATOR) return null;
    return {
      kind: 'liquidation',
      venue: 'hyperliquid',
      market: trade.market,
      ts: trade.ts,
      recvTs: trade.recvTs,
      price: trade.price,
      qty: trade.qty,
      notionalUsd: trade.price * trade.qty,
      side: vaultBuys ? 'long' : 'short',
    };
  }

  /**
   * Asset context → open interest + mark. `openInterest` is ONE-SIDED and in BTC (the sum of long
   * positions; ccxt maps it to openInterestAmount, base units; 32 227 BTC ≈ 2.08 B USD in the
   * 2026 capture matches Hyperliquid's headline one-sided figure). USD = openInterest × markPx.
   * `funding` is the current rate per HOUR (hyperliquid.md §2.2); `oraclePx` is the index.
   * The ctx carries no time: events take the receive time.
   */
  function assetCtx(coin: string, ctx: JsonObject, recvTs: number): MarketEvent[] {
    const markPrice = positive(ctx, 'markPx');
    const oiBtc = num(ctx, 'openInterest');
    if (oiBtc < 0) throw new FrameError('openInterest', `negative: ${oiBtc}`);
    const indexPrice = optNum(ctx, 'oraclePx');
    const fundingRate = optNum(ctx, 'funding');
    let mark: MarkEvent;
    if (indexPrice !== undefined && indexPrice > 0 && fundingRate !== undefined) {
      // The usual full context: one object shape, no incremental property adds.
      mark = { kind: 'mark', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, markPrice, indexPrice, fundingRate };
    } else {
      mark = { kind: 'mark', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, markPrice };
      if (indexPrice !== undefined && indexPrice > 0) Object.assign(mark, { indexPrice });
      if (fundingRate !== undefined) Object.assign(mark, { fundingRate });
    }
    const oi: OpenInterestEvent = { kind: 'openInterest', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, oiBtc, oiUsd: oiBtc * markPrice };
    return [oi, mark];
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    if (frame === WELCOME) return { kind: 'control', what: 'welcome' };
    const msg = obj(parseJson(frame), 'frame');
    const channel = str(msg, 'channel');
    switch (channel) {
      case 'trades':
        return trades(arr(msg['data'], 'data'), recvTs);
      case 'activeAssetCtx': {
        const data = obj(msg['data'], 'data');
        const coin = str(data, 'coin', 'data.coin');
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

/**
 * Decimal text of a non-negative integer below 2^53. Splitting it into two small integers keeps V8
 * on its fast small-integer path (about 5× quicker than formatting the whole double).
 */
export function intStr(n: number): string {
  if (n < 1e9 || !Number.isInteger(n)) return String(n);
  const hi = Math.floor(n / 1e9);
  return `${hi}${String(n - hi * 1e9).padStart(9, '0')}`;
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
