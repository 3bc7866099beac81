// Bybit USDT perpetual BTCUSDT. Max leverage 100: real instruments-info answer of 2026-08-09
// (cryptofeed BYBIT capture, fixtures/rest-instruments-info.jsonl). Tier 1 MMR 0.5 % [unverified]:
// the docs give no BTCUSDT tier; third-party tests citing /v5/market/risk-limit in late 2026 show
// 0.33 % up to 300,000 USDT (150×, testnet) then 0.5 % to 2,000,000 USDT — not adopted until seen live.
// Live tiers can be read with loadV5RiskTiers (v5/markets.ts).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'instruments-info 2026-08-09 (max leverage); MMR 0.5 % [unverified]',
  },
};
