// Subscription and keep-alive frames of the v5 public streams (bybit.md §1.2–1.3).

/** The three topics we need per market. */
export const CHANNELS = ['publicTrade', 'allLiquidation', 'tickers'] as const;
export type Channel = (typeof CHANNELS)[number];

/** "do not exceed 21,000 characters" for the args of one public connection (wss-authentication.mdx). */
export const MAX_ARGS_CHARS = 21_000;
/** Futures have no per-request args limit; we batch 10 per message like tardis (and Spot's cap). */
export const ARGS_PER_SUBSCRIBE = 10;
/** Client ping, "recommended every 20 seconds"; answered by {"ret_msg":"pong","op":"ping",…}. */
export const PING_FRAME = '{"op":"ping"}';
export const PING_INTERVAL_MS = 20_000;

export function topicsFor(symbols: readonly string[]): string[] {
  return symbols.flatMap((s) => CHANNELS.map((c) => `${c}.${s}`));
}

/** Subscribe messages, ≤10 args each; throws when the connection would pass the args limit. */
export function subscribeFrames(symbols: readonly string[]): string[] {
  const topics = topicsFor(symbols);
  const chars = topics.reduce((n, t) => n + t.length, 0);
  if (chars > MAX_ARGS_CHARS) throw new Error(`bybit: ${chars} characters of topics exceed the ${MAX_ARGS_CHARS} per connection`);
  const frames: string[] = [];
  for (let i = 0; i < topics.length; i += ARGS_PER_SUBSCRIBE) {
    frames.push(JSON.stringify({ req_id: `sub-${frames.length + 1}`, op: 'subscribe', args: topics.slice(i, i + ARGS_PER_SUBSCRIBE) }));
  }
  return frames;
}
