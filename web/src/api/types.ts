// Shapes of the /api/v1 responses and stream messages the UI reads (see /api/v1/openapi.json).

export type Side = 'long' | 'short';
export type Scale = 'linear' | 'log' | 'zscore';
export const RANGE_NAMES = ['12h', '24h', '3d', '7d', '30d', '90d', '180d', '1y'] as const;
export type RangeName = (typeof RANGE_NAMES)[number];

const H = 3_600_000;
export const RANGE_MS: Record<RangeName, number> = { '12h': 12 * H, '24h': 24 * H, '3d': 72 * H, '7d': 168 * H, '30d': 720 * H, '90d': 2160 * H, '180d': 4320 * H, '1y': 8760 * H };

export interface Meta {
  serverTime: number;
  simulated: boolean;
  barMs: number;
  bucketUsd: number;
  venues: { venue: string; markets: string[] }[];
  tiers: { leverage: number; weight: number }[];
  sides: Side[];
  ranges: string[];
  scales: string[];
  limits: { maxCols: number; maxRows: number; maxCells: number; maxWindowDays: number };
}

export interface VenueStatus {
  venue: string;
  market: string;
  connected: boolean;
  lagMs: number | null;
  msgsPerSec: number;
  reconnects: number;
  gaps: number;
  oiShare: number | null;
  simulated: boolean;
  publishesLiquidations: boolean;
  lastBarTs: number | null;
}

export interface Health {
  status: 'ok' | 'degraded' | 'starting';
  serverTime: number;
  simulated: boolean;
  warmedUp: boolean;
  latestBarTs: number | null;
  dataAgeMs: number | null;
  venuesConnected: number;
  venuesTotal: number;
}

export interface LiqMapBucket {
  price: number;
  longUsd: number;
  shortUsd: number;
  cumLongUsd: number;
  cumShortUsd: number;
}

export interface LiqMap {
  at: number;
  price: number | null;
  priceLo: number;
  priceHi: number;
  totals: { longUsd: number; shortUsd: number };
  buckets: LiqMapBucket[];
}

export interface Breakdown {
  at: number;
  priceLo: number;
  priceHi: number;
  price: number | null;
  totalUsd: number;
  bySide: { long: number; short: number };
  byVenue: Record<string, number>;
  byLeverage: Record<string, number>;
}

export interface Liquidation {
  ts: number;
  recvTs: number;
  venue: string;
  market: string;
  side: Side;
  price: number;
  qty: number;
  notionalUsd: number;
}

export interface Liquidations {
  from: number;
  to: number;
  count: number;
  truncated: boolean;
  liquidations: Liquidation[];
}

export interface HeatmapColumnMsg {
  type: 'heatmap';
  kind: 'closed' | 'live';
  ts: number;
  priceLo: number;
  priceHi: number;
  rows: number;
  price: number | null;
  cells: number[];
}

export interface AlertMsg {
  id: string;
  ts: number;
  kind: string;
  message: string;
}

export type StreamMsg =
  | { type: 'hello'; serverTime: number; topics: string[]; heartbeatMs: number }
  | { type: 'subscribed'; topics: string[] }
  | HeatmapColumnMsg
  | { type: 'liquidation'; data: Liquidation }
  | { type: 'bars'; data: unknown[] }
  | { type: 'venues'; data: VenueStatus[] }
  | { type: 'alert'; data: AlertMsg }
  | { type: 'heartbeat'; ts: number }
  | { type: 'pong'; ts: number }
  | { type: 'error'; message: string; param?: string };
