// Isolated-margin liquidation prices (DESIGN §3). Pure functions; fees ignored.
// Each venue's rules table (src/exchanges/<venue>/rules.ts) says which formula and which tiers apply.

export type Side = 'long' | 'short';

/**
 * - `binance`: margin E·Q/L, maintenance on the position value at the liquidation price:
 *   long E(1 − 1/L)/(1 − m), short E(1 + 1/L)/(1 + m).
 * - `entry-mm` (Bybit, OKX, Bitget, Gate, KuCoin, Hyperliquid, BitMEX linear): maintenance on entry value:
 *   long E(1 − 1/L + m), short E(1 + 1/L − m).
 * - `inverse` (margin in BTC): long E / (1 + 1/L − m), short E / (1 − 1/L + m).
 */
export type LiqFormula = 'binance' | 'entry-mm' | 'inverse';

export interface MaintenanceTier {
  /** Upper bound of position notional for this tier, USD (Infinity for the last). */
  readonly maxNotionalUsd: number;
  /** Maintenance-margin rate, fraction (0.004 = 0.4%). */
  readonly mmr: number;
  /** Highest leverage allowed in this tier. */
  readonly maxLeverage: number;
}

export interface VenueRules {
  readonly formula: LiqFormula;
  /** Highest leverage the venue allows on this market. */
  readonly maxLeverage: number;
  /** Ordered by maxNotionalUsd ascending; the first is the default tier. */
  readonly tiers: readonly MaintenanceTier[];
  /** Where the tiers came from (doc URL, date) — shown in `liqmap config` and the API. */
  readonly source: string;
}

export function liquidationPrice(formula: LiqFormula, side: Side, entry: number, leverage: number, mmr: number): number {
  const inv = 1 / leverage;
  switch (formula) {
    case 'binance':
      return side === 'long' ? (entry * (1 - inv)) / (1 - mmr) : (entry * (1 + inv)) / (1 + mmr);
    case 'entry-mm':
      return side === 'long' ? entry * (1 - inv + mmr) : entry * (1 + inv - mmr);
    case 'inverse':
      return side === 'long' ? entry / (1 + inv - mmr) : entry / (1 - inv + mmr);
  }
}

/** The maintenance tier that applies to a position of `notionalUsd`. */
export function tierFor(rules: VenueRules, notionalUsd: number): MaintenanceTier {
  for (const t of rules.tiers) if (notionalUsd <= t.maxNotionalUsd) return t;
  const last = rules.tiers[rules.tiers.length - 1];
  if (!last) throw new Error('venue rules without maintenance tiers');
  return last;
}
