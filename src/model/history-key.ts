// Side·tier codes shared by history and views: st = side (0 long, 1 short) × TIER_SLOTS + tier.
export const TIER_SLOTS = 32;
