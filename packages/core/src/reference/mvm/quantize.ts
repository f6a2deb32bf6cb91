import type { RandomSource } from '../../random/random-source.js';

/**
 * The quantisation step of a DAC/ADC in float32, as aihwkit computes it: a resolution `res > 1`
 * means a number of steps (1/res is used), and the step is `fl32(res * fl32(2 * bound))`.
 * Returns 0 (no quantisation) when `res <= 0` or `bound <= 0` (SPEC §11.2: the step is computed
 * from the bound before a non-positive bound becomes infinite).
 */
export function resolutionStep(res: number, bound: number): number {
  let r = Math.fround(res);
  if (!(r > 0)) return 0;
  if (r > 1) r = Math.fround(1 / r);
  const step = Math.fround(r * Math.fround(2 * Math.fround(bound)));
  return step > 0 ? step : 0;
}

/** Rounds to the nearest integer, ties to even (C's rint in the default rounding mode). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `rint(fl32(v / step)) * step` in float32 (SPEC §11.1); with stochastic rounding U(-1/2, 1/2) is
 * added to the scaled value before rounding. `step` must be > 0.
 */
export function quantize(v: number, step: number, stoRound: boolean, rng: RandomSource): number {
  let q = Math.fround(v / step);
  if (stoRound) q = Math.fround(q + Math.fround(rng.uniform() - 0.5));
  return Math.fround(roundHalfEven(q) * step);
}
