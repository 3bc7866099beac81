// Public types of the liquidation model (DESIGN §3). Units: prices USD per BTC, notional USD, times ms epoch.
import type { VenueId } from '../core/events.js';
import type { Side, VenueRules } from '../core/margin.js';

export type { Side } from '../core/margin.js';

/** Margin rules by injection: the model never imports venue tables itself. */
export type RulesLookup = (venue: VenueId, market: string) => VenueRules;

/** One leverage tier and its share of a side's new notional (weights are renormalised over allowed tiers). */
export interface LeverageTier {
  readonly leverage: number;
  readonly weight: number;
}

/** Weights of the inflow rules; the bar's new notional is their weighted sum. */
export interface InflowWeights {
  /** ΔOI > 0 × VWAP (DESIGN §3). */
  readonly oi: number;
  /** `volumeShare` × the bar's traded USD volume. */
  readonly volume: number;
  /** `constantUsdPerHour` × bar length. */
  readonly constant: number;
}

/** One time/price resolution of the kept history (what the heatmap view reads). */
export interface HistoryLevel {
  /** Event times are floored to this, ms. */
  readonly quantumMs: number;
  /** Price bucket of this level = bucketMult × params.bucketUsd. Integer ≥ 1. */
  readonly bucketMult: number;
  /** History older than this (behind the newest bar) is dropped; null keeps everything. */
  readonly retentionMs: number | null;
  /** A full snapshot of the book is kept every this many quanta (bounds query start-up cost). */
  readonly keyframeEvery: number;
}

export interface ModelParams {
  /** Liquidation-price bucket of the live book, USD. */
  readonly bucketUsd: number;
  readonly tiers: readonly LeverageTier[];
  readonly inflow: InflowWeights;
  /** Fraction of the bar's traded USD volume that opens new positions (inflow rule `volume`). */
  readonly volumeShare: number;
  /** New notional per venue-market per hour, USD (inflow rule `constant`), when OI is unknown or constantOiShare is null. */
  readonly constantUsdPerHour: number;
  /**
   * Inflow rule `constant` as a fraction of the venue-market's open interest (USD) per hour, so
   * that venues add positions in proportion to their size; null = always constantUsdPerHour.
   */
  readonly constantOiShare: number | null;
  /** `vwap`: all new notional enters at the bar's VWAP; `range`: spread over low..high, peaked at VWAP. */
  readonly entry: 'vwap' | 'range';
  /** Entry prices used by `range` (≥ 2). */
  readonly rangeSlices: number;
  /** `taker`: longs get N·B/(B+S), shorts N·S/(B+S); `symmetric`: both sides get N. */
  readonly sideSplit: 'taker' | 'symmetric';
  /** ΔOI < 0 closes positions: `proportional` on both sides, or `taker` (weighted to the side taker flow says is closing). */
  readonly close: 'proportional' | 'taker';
  /** Exponential decay half-life of cohort notional, ms; null = off. */
  readonly halfLifeMs: number | null;
  /** Typical position size, USD: picks the venue's maintenance-margin tier. */
  readonly positionUsd: number;
  /** Sweep with the mark-price high/low when the bar has them. */
  readonly useMarkPrice: boolean;
  /** History the model needs before a prediction is trustworthy, ms (the store feeds this much warm-up). */
  readonly warmupMs: number;
  readonly history: readonly HistoryLevel[];
}

/** A cohort swept by a bar: the model's prediction of a liquidation. */
export interface PredictedLiquidation {
  /** Open time of the bar that swept it, ms. */
  readonly ts: number;
  readonly venue: VenueId;
  readonly market: string;
  /** The position side that was liquidated. */
  readonly side: Side;
  readonly leverage: number;
  /** Liquidation price (bucket centre), USD. */
  readonly price: number;
  readonly notionalUsd: number;
}

/** Why a bar was skipped or flagged. Skipped bars never touch the book or history (an outlier only counts toward a run). */
export type SkipReason =
  | 'invalid' // NaN, infinite, non-positive price, high < low, negative OI or volume
  | 'duplicate' // same ts as the previous bar of the venue-market
  | 'outOfOrder' // older than the previous bar of the venue-market
  | 'outlier' // high or low beyond ×4 or ÷4 of the previous close within a week: a unit or feed error (it would stretch the book over millions of buckets), unless the reference itself is the odd one (FlagReason 'reanchored')
  | 'unknownVenue'; // rules lookup failed

/**
 * Bars accepted but with a caveat (ΔOI across them is not used). `reanchored`: the bar is beyond ×4 of the previous
 * close yet accepted, because that close is a week old or came from a venue-market's first few bars and this bar is
 * the fifth in a row to agree with its predecessors, not with it; the book, built on the old price, is closed first.
 */
export type FlagReason = 'gap' | 'gapFlag' | 'oiMissing' | 'reanchored';

export interface ModelStats {
  readonly barsAccepted: number;
  readonly skipped: Readonly<Record<SkipReason, number>>;
  readonly flagged: Readonly<Record<FlagReason, number>>;
  /** Totals since start, USD. */
  readonly enteredUsd: number;
  readonly liquidatedUsd: number;
  readonly closedUsd: number;
  /** Notional currently alive in the book, USD. */
  readonly aliveUsd: number;
  /** Alive (venue-market, side, tier, bucket) cohorts. */
  readonly cohorts: number;
}

/** Filters shared by the views; absent = all. */
export interface ViewFilter {
  readonly venues?: readonly VenueId[];
  readonly sides?: readonly Side[];
  /** Leverage tiers by their leverage value (e.g. [25, 50, 100]). */
  readonly leverage?: readonly number[];
}

export interface HeatmapQuery extends ViewFilter {
  /** Window [from, to), ms. Column c covers [from + c·Δ, from + (c+1)·Δ) and shows the book at its end. */
  readonly from: number;
  readonly to: number;
  /** Price window, USD; row r covers [priceLo + r·h, priceLo + (r+1)·h), row 0 lowest. */
  readonly priceLo: number;
  readonly priceHi: number;
  readonly cols: number;
  readonly rows: number;
}

export type Candle = readonly [ts: number, open: number, high: number, low: number, close: number];

export interface HeatmapGrid {
  /** Column start times, ms. */
  readonly times: readonly number[];
  /** Row centre prices, USD. */
  readonly prices: readonly number[];
  /** cells[r][c]: alive liquidation notional, USD, with liquidation price in row r at the end of column c. */
  readonly cells: readonly Float64Array[];
  /** One candle per column (reference venue-market); null where no bar fell in the column. */
  readonly candles: readonly (Candle | null)[];
  /** Last close at `to`, USD (null before any bar). */
  readonly price: number | null;
  /** Which history level served the query (quantum ms, bucket USD). */
  readonly resolution: { readonly quantumMs: number; readonly bucketUsd: number };
}

export interface SnapshotQuery extends ViewFilter {
  /** Instant, ms; absent = after the latest bar. */
  readonly at?: number;
}

export interface LiqMapQuery extends SnapshotQuery {
  readonly priceLo: number;
  readonly priceHi: number;
  /** Number of price buckets between priceLo and priceHi. */
  readonly buckets: number;
}

export interface LiqMapBucket {
  /** Bucket centre, USD. */
  readonly price: number;
  readonly longUsd: number;
  readonly shortUsd: number;
  /** Longs from the current price down to this bucket (0 above price), USD. */
  readonly cumLongUsd: number;
  /** Shorts from the current price up to this bucket (0 below price), USD. */
  readonly cumShortUsd: number;
}

export interface LiqMapView {
  readonly price: number | null;
  readonly buckets: readonly LiqMapBucket[];
}

export interface ClusterQuery extends SnapshotQuery {
  /** Number of clusters to return. */
  readonly top: number;
  /** Band width, USD; absent = 0.1% of price. */
  readonly bandUsd?: number;
  /** Only bands within this fraction of price (0.2 = ±20%). */
  readonly maxDistance?: number;
}

export interface Cluster {
  readonly priceLo: number;
  readonly priceHi: number;
  readonly usd: number;
  readonly side: Side;
  /** (centre − price) / price. */
  readonly distance: number;
  readonly byVenue: Readonly<Partial<Record<VenueId, number>>>;
  /** Keyed by leverage, e.g. "25x". */
  readonly byLeverage: Readonly<Record<string, number>>;
}

export interface ClustersView {
  readonly price: number | null;
  readonly clusters: readonly Cluster[];
}
