import type { RandomSource } from '@analogkit/core';

/** Round half to even (C's rintf in the default rounding mode). */
export function rint(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - Math.trunc(v)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantises `size` values of `v` from `offset` into `out` the way aihwkit's mixed-precision device
 * does: with `bins > 0`, the step is `max|v| / floor(bins/2)` (1 when max|v| is 0), values are
 * rounded half to even (after adding U(-1/2, 1/2) with stochastic rounding), clipped to
 * ±floor(bins/2) steps and scaled back; with `bins <= 0` they are copied.
 */
export function quantizeByAbsMax(
  v: Float32Array,
  offset: number,
  size: number,
  bins: number,
  stochastic: boolean,
  rng: RandomSource,
  out: Float32Array,
): void {
  if (bins <= 0) {
    out.set(v.subarray(offset, offset + size));
    return;
  }
  const half = Math.floor(bins / 2);
  let amax = 0;
  for (let i = offset; i < offset + size; i++) amax = Math.max(amax, Math.abs(v[i]!));
  let width = Math.fround(amax / half);
  if (width === 0) width = 1;
  for (let i = 0; i < size; i++) {
    const noise = stochastic ? rng.uniform() - 0.5 : 0;
    const q = rint(Math.fround(v[offset + i]! / width) + noise);
    out[i] = Math.min(Math.max(q, -half), half) * width;
  }
}

/** `chi += lr d x^T` over a rows x cols row-major chi. */
export function accumulateOuterProduct(chi: Float32Array, d: Float32Array, x: Float32Array, lr: number): void {
  const cols = x.length;
  for (let i = 0; i < d.length; i++) {
    const di = lr * d[i]!;
    if (di === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) chi[base + j] = chi[base + j]! + di * x[j]!;
  }
}
