// The model together with the last bar applied per venue-market: what a pipeline checkpoint holds,
// so that a restart (or a reader of the store) replays exactly the bars the state lacks.
import type { Bar } from '../bars/bar.js';
import { rulesFor } from '../exchanges/rules.js';
import { checkpoint, createModel, restoreModel, type LiqModel, type ModelParams, type PredictedLiquidation } from '../model/index.js';
import { decodeEnvelope, encodeEnvelope } from './checkpoint-envelope.js';

const keyOf = (b: Bar): string => `${b.venue}|${b.market}`;

export class ModelProgress {
  private constructor(
    readonly model: LiqModel,
    /** `${venue}|${market}` → open time of the last bar applied. */
    private readonly applied: Map<string, number>,
  ) {}

  static fresh(params: ModelParams): ModelProgress {
    return new ModelProgress(createModel(params, rulesFor), new Map());
  }

  /** From pipeline checkpoint bytes (see checkpoint-envelope.ts). */
  static restore(bytes: Uint8Array): ModelProgress {
    const env = decodeEnvelope(bytes);
    return new ModelProgress(restoreModel(env.model, rulesFor), new Map(env.applied));
  }

  /** Step a stored bar unless the state already holds it; false when skipped. */
  replay(bar: Bar): boolean {
    if ((this.applied.get(keyOf(bar)) ?? -Infinity) >= bar.ts) return false;
    this.step(bar);
    return true;
  }

  /** Step a bar and record it as applied. */
  step(bar: Bar): PredictedLiquidation[] {
    const out = this.model.step(bar);
    if ((this.applied.get(keyOf(bar)) ?? -Infinity) < bar.ts) this.applied.set(keyOf(bar), bar.ts);
    return out;
  }

  /** Oldest per-market progress: every bar at or before it is in the state (null before any bar). */
  oldestApplied(): number | null {
    return this.applied.size === 0 ? null : Math.min(...this.applied.values());
  }

  /** Checkpoint bytes: the model plus the per-market progress. */
  encode(): Uint8Array {
    return encodeEnvelope({ applied: this.applied, model: checkpoint(this.model) });
  }
}
