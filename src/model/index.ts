// Public surface of the liquidation model (DESIGN §3). Pure: no I/O, no clock, no randomness.
//
//   const model = createModel(resolveParams({ inflow: { oi: 0, constant: 1 } }), rulesFor);
//   for (const bar of bars) for (const p of model.step(bar)) …   // predicted liquidations
//   const bytes = checkpoint(model); const again = restoreModel(bytes, rulesFor);
//   heatmap(model, { from, to, priceLo, priceHi, cols, rows }); liqMap(model, …); clusters(model, …)
import { LiqModel } from './model.js';
import { validateParams } from './params.js';
import type { ModelParams, RulesLookup } from './types.js';

export type * from './types.js';
export { DEFAULT_PARAMS } from './defaults.js';
export { resolveParams, validateParams, requiredWarmupMs } from './params.js';
export { LiqModel, rangeEntries } from './model.js';
export { checkpoint, restoreModel } from './checkpoint.js';
export { heatmap, heatmapToJson, type HeatmapJson } from './views/heatmap.js';
export { liqMap } from './views/liqmap.js';
export { clusters, clustersToJson, type ClustersJson } from './views/clusters.js';
export { snapshot, type SnapshotEntry, type Snapshot } from './views/snapshot.js';

/** A fresh model. `rules` gives each venue-market's margin rules (e.g. `rulesFor` from src/exchanges/rules.ts). */
export function createModel(params: ModelParams, rules: RulesLookup): LiqModel {
  validateParams(params);
  return new LiqModel(params, rules);
}
