import {
  lineImplicitProbability,
  lineMeanCount,
  probabilityStep,
  PulseType,
  roundHalfEven,
  type RandomSource,
  type TrainScales,
  type UpdateParameters,
} from '@analogkit/core';
import type { UpdateBatch } from './update-batch.js';

/**
 * The per-sample line values of the deterministic pulse types, from which device (i, j) gets
 * `rint(fl32(factor_i x_j))` signed coincidences in a sample (> 0: down steps):
 * - MEAN_COUNT: `x_j` is the line's expected pulse count `clip(rint(BL p), 0, BL)` (signed),
 *   `factor_i = fl32(n_i / BL)`;
 * - DETERMINISTIC_IMPLICIT: `x_j` is the quantised probability (x_res_implicit, signed),
 *   `factor_i = fl32(q_i BL)` with q quantised to d_res_implicit.
 * The factors carry the sign of lr. A skipped sample has all factors 0.
 */
export interface DeterministicLines {
  /** batch x rows */
  readonly factors: Float32Array;
  /** batch x cols */
  readonly xValues: Float32Array;
}

export function deterministicLines(
  b: UpdateBatch,
  update: UpdateParameters,
  scales: readonly TrainScales[],
  lrSign: 1 | -1,
  rng: RandomSource,
): DeterministicLines {
  const factors = new Float32Array(b.batch * b.rows);
  const xValues = new Float32Array(b.batch * b.cols);
  const meanCount = update.pulse_type === PulseType.MEAN_COUNT;
  const xStep = probabilityStep(meanCount ? update.res : update.x_res_implicit);
  const dStep = probabilityStep(meanCount ? update.res : update.d_res_implicit);
  const sto = update.sto_round;
  for (let s = 0; s < b.batch; s++) {
    const { bl, a, b: bScale } = scales[s]!;
    if (bl === 0) continue;
    for (let j = 0; j < b.cols; j++) {
      const value = b.x[s * b.cols + j]!;
      const v = meanCount ? lineMeanCount(value, bScale, bl, xStep, sto, rng) : lineImplicitProbability(value, bScale, xStep, sto, rng);
      xValues[s * b.cols + j] = v;
    }
    for (let i = 0; i < b.rows; i++) {
      const value = b.d[s * b.rows + i]!;
      const v = meanCount ? lineMeanCount(value, a, bl, dStep, sto, rng) : lineImplicitProbability(value, a, dStep, sto, rng);
      const factor = meanCount ? Math.fround(v / bl) : Math.fround(v * bl);
      factors[s * b.rows + i] = lrSign * factor;
    }
  }
  return { factors, xValues };
}

/** Signed coincidences of device (i, j) in sample s (> 0: down steps). */
export function deterministicCount(lines: DeterministicLines, rows: number, cols: number, s: number, i: number, j: number): number {
  const f = lines.factors[s * rows + i]!;
  return f === 0 ? 0 : roundHalfEven(Math.fround(f * lines.xValues[s * cols + j]!));
}

/**
 * Sums the up and down pulses of every device over the batch into `up` and `down`
 * (rows * cols, zeroed here).
 */
export function accumulateDeterministicCounts(lines: DeterministicLines, batch: number, rows: number, cols: number, up: Float32Array, down: Float32Array): void {
  up.fill(0);
  down.fill(0);
  const { factors, xValues } = lines;
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < rows; i++) {
      const f = factors[s * rows + i]!;
      if (f === 0) continue;
      const base = i * cols;
      const xOff = s * cols;
      for (let j = 0; j < cols; j++) {
        const c = roundHalfEven(Math.fround(f * xValues[xOff + j]!));
        if (c > 0) down[base + j] = down[base + j]! + c;
        else if (c < 0) up[base + j] = up[base + j]! - c;
      }
    }
  }
}
