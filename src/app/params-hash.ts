import { createHash } from 'node:crypto';
import type { ModelParams } from '../model/index.js';

/** Checkpoints are only valid for the parameters that made them. */
export function paramsHash(p: ModelParams): string {
  return createHash('sha256').update(JSON.stringify(p)).digest('hex').slice(0, 16);
}
