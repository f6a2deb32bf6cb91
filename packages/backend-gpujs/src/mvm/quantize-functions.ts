/*
 * Kernel-side rounding, in float32 exactly as the reference does it (SPEC §11.1): the scaled
 * value `fl32(v / step)` is rounded half to even and multiplied back by the step.
 */
import { rngUniform } from '../random/counter-hash.js';

/** Round half to even (C's rint) of a float32 value. */
export function roundHalfEven32(q: number): number {
  if (Math.abs(q) >= 8388608) return q;
  const r = Math.floor(q + 0.5);
  if (r - q === 0.5) {
    const half = r * 0.5;
    if (half !== Math.floor(half)) return r - 1;
  }
  return r;
}

/**
 * `rint(fl32(v / step)) * step` in float32; with stochastic rounding (stoRound > 0)
 * U(-1/2, 1/2) from the counter stream (counter, key) is added before rounding.
 */
export function quantizeToStep(v: number, step: number, stoRound: number, counter: number, key: number): number {
  let q = Math.fround(v / step);
  if (stoRound > 0) q = Math.fround(q + Math.fround(rngUniform(counter, key) - 0.5));
  return Math.fround(roundHalfEven32(q) * step);
}
