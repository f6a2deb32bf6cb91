/* Helpers shared by the MVM tests (not part of the kernels). */
import { expect } from 'vitest';
import type { TileState } from '../../backends/tile-state.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { IOParameters } from '../../parameters/io-parameters.js';
import type { ParameterInit } from '../../parameters/parameter-base.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { meanStd } from '../../testing/statistics.js';
import { runMvm, type MvmStats } from './run-mvm.js';
import { IDEAL_PERIPHERY } from '../../testing/ideal-periphery.js';

export { IDEAL_PERIPHERY };

export function io(init: ParameterInit<IOParameters> = {}): IOParameters {
  return new IOParameters(init);
}

/** IDEAL_PERIPHERY with some fields changed. */
export function idealIO(init: ParameterInit<IOParameters> = {}): IOParameters {
  return new IOParameters({ ...IDEAL_PERIPHERY, ...init });
}

export function tileState(rows: number, cols: number, weights: ArrayLike<number>): TileState {
  if (weights.length !== rows * cols) throw new Error(`weights need ${rows * cols} values`);
  return { rows, cols, weights: Float32Array.from(weights), hidden: {}, aux: {} };
}

/** A rows x cols tile with weights U(-wmax, wmax). */
export function randomTile(rows: number, cols: number, seed: number, wmax = 0.5): TileState {
  const rng = new XoshiroRandom(seed);
  return tileState(rows, cols, Array.from({ length: rows * cols }, () => (rng.uniform() * 2 - 1) * wmax));
}

export function randomInput(length: number, seed: number, amax = 1): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => (rng.uniform() * 2 - 1) * amax);
}

/** `count` copies of the vector `x`, as one batch. */
export function repeat(x: ArrayLike<number>, count: number): Float32Array {
  const out = new Float32Array(x.length * count);
  for (let k = 0; k < count; k++) out.set(Array.from(x), k * x.length);
  return out;
}

export function mvm(
  state: TileState,
  direction: MvmDirection,
  input: ArrayLike<number>,
  ioParams: IOParameters,
  seed = 1,
  stats?: MvmStats,
): Float32Array {
  const inSize = direction === 'forward' ? state.cols : state.rows;
  const data = input instanceof Float32Array ? input : Float32Array.from(input);
  return runMvm(state, direction, data, data.length / inSize, ioParams, new XoshiroRandom(seed), stats);
}

/** Exact `W x` per sample (float64 sums rounded to float32). */
export function exactForward(state: TileState, x: ArrayLike<number>): Float32Array {
  const { rows, cols, weights } = state;
  const batch = x.length / cols;
  const out = new Float32Array(batch * rows);
  for (let k = 0; k < batch; k++)
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let j = 0; j < cols; j++) acc += weights[i * cols + j]! * x[k * cols + j]!;
      out[k * rows + i] = acc;
    }
  return out;
}

/** Exact `W^T d` per sample. */
export function exactBackward(state: TileState, d: ArrayLike<number>): Float32Array {
  const { rows, cols, weights } = state;
  const batch = d.length / rows;
  const out = new Float32Array(batch * cols);
  for (let k = 0; k < batch; k++)
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let i = 0; i < rows; i++) acc += weights[i * cols + j]! * d[k * rows + i]!;
      out[k * cols + j] = acc;
    }
  return out;
}

/** Every `stride`-th value starting at `offset` (one output across the samples of a batch). */
export function column(values: ArrayLike<number>, offset: number, stride: number): number[] {
  const out: number[] = [];
  for (let m = offset; m < values.length; m += stride) out.push(values[m]!);
  return out;
}

export function moments(values: ArrayLike<number>): { mean: number; variance: number; n: number } {
  const { mean, std } = meanStd(values);
  return { mean, variance: std * std, n: values.length };
}

/**
 * The sample mean and variance of Gaussian-like `values` agree with `mean` and `std` within k
 * standard errors (`std / sqrt(n)` for the mean, `std^2 sqrt(2 / (n - 1))` for the variance).
 */
export function expectGaussianMoments(values: ArrayLike<number>, mean: number, std: number, k = 5): void {
  const m = moments(values);
  expect(Math.abs(m.mean - mean)).toBeLessThanOrEqual((k * std) / Math.sqrt(m.n) + 1e-12);
  expect(Math.abs(m.variance - std * std)).toBeLessThanOrEqual(k * std * std * Math.sqrt(2 / (m.n - 1)) + 1e-12);
}

/** Element-wise |a - b| <= tol * max(1, |b|). */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void {
  expect(a.length).toBe(b.length);
  for (let m = 0; m < a.length; m++) {
    if (Math.abs(a[m]! - b[m]!) > tol * Math.max(1, Math.abs(b[m]!))) {
      expect.fail(`index ${m}: ${a[m]} differs from ${b[m]} by more than ${tol} (relative)`);
    }
  }
}
