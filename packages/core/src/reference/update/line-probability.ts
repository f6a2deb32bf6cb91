import type { RandomSource } from '../../random/random-source.js';
import { quantize, resolutionStep, roundHalfEven } from '../mvm/quantize.js';

/**
 * The pulse probability of one line, `|v|·scale` in float32, quantised to multiples of `step`
 * (half-even, or stochastically rounded) when `step > 0`. Not clipped: values >= 1 always fire.
 */
export function lineProbability(value: number, scale: number, step: number, stoRound: boolean, rng: RandomSource): number {
  const p = Math.fround(Math.abs(value) * scale);
  return step > 0 ? quantize(p, step, stoRound, rng) : p;
}

/**
 * The bin width of an update resolution (`res`, `x_res_implicit`, `d_res_implicit`): probabilities
 * span [0, 1] (a range of 1, i.e. bound ½), `<= 0` is off (0) and `> 1` is a number of steps.
 */
export function probabilityStep(res: number): number {
  return resolutionStep(res, 0.5);
}

/**
 * MEAN_COUNT: the expected pulse count of one line in a train of `bl` slots,
 * `clip(rint(BL·p), 0, BL)` with p its lineProbability, signed like `value`.
 */
export function lineMeanCount(value: number, scale: number, bl: number, step: number, stoRound: boolean, rng: RandomSource): number {
  const p = lineProbability(value, scale, step, stoRound, rng);
  const n = p === 0 ? 0 : Math.max(Math.min(roundHalfEven(Math.fround(bl * p)), bl), 0);
  return value >= 0 ? n : -n;
}

/** DETERMINISTIC_IMPLICIT: the lineProbability of one line clipped to 1, signed like `value`. */
export function lineImplicitProbability(value: number, scale: number, step: number, stoRound: boolean, rng: RandomSource): number {
  const p = Math.min(lineProbability(value, scale, step, stoRound, rng), 1);
  return value >= 0 ? p : -p;
}
