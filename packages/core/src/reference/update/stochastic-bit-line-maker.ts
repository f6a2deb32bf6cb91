import type { RandomSource } from '../../random/random-source.js';
import { lineProbability } from './line-probability.js';
import type { SparseBitLines } from './sparse-bit-lines.js';

/**
 * Stochastic pulse trains of one vector `v[offset .. offset+size)`: element j fires in each of
 * `bl` slots independently when its probability (see `lineProbability`) exceeds a fresh uniform,
 * so p_j >= 1 always fires; elements with p_j = 0 draw nothing. Firing lines of positive elements
 * go to `positive`, of negative ones to `negative`; pass the same object twice for one shared
 * train (STOCHASTIC_COMPRESSED) or two objects for separate ± trains (STOCHASTIC).
 */
export function makeStochasticBitLines(
  v: Float32Array,
  offset: number,
  scale: number,
  bl: number,
  step: number,
  stoRound: boolean,
  rng: RandomSource,
  positive: SparseBitLines,
  negative: SparseBitLines,
): void {
  positive.clear(bl);
  if (negative !== positive) negative.clear(bl);
  const size = positive.size;
  for (let j = 0; j < size; j++) {
    const value = v[offset + j]!;
    const p = lineProbability(value, scale, step, stoRound, rng);
    if (p === 0) continue;
    const lines = value > 0 ? positive : negative;
    const sign = value > 0 ? 1 : -1;
    for (let k = 0; k < bl; k++) {
      if (p > rng.uniform()) lines.push(k, j, sign);
    }
  }
}
