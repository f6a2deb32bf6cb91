import type { RandomSource } from '../../random/random-source.js';
import { quantize } from '../mvm/quantize.js';

/**
 * The pulse probability of one line, `|v|·scale` in float32, quantised to multiples of `step`
 * (half-even, or stochastically rounded) when `step > 0`. Not clipped: values >= 1 always fire.
 */
export function lineProbability(value: number, scale: number, step: number, stoRound: boolean, rng: RandomSource): number {
  const p = Math.fround(Math.abs(value) * scale);
  return step > 0 ? quantize(p, step, stoRound, rng) : p;
}
