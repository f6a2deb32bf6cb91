import type { RandomSource } from '../../random/random-source.js';
import { quantize, roundHalfEven as rint } from '../mvm/quantize.js';
import type { DenseWorkspace } from './dense-workspace.js';
import type { TrainScales } from './update-management.js';

const f32 = Math.fround;

/**
 * DETERMINISTIC_IMPLICIT: each line's probability is quantised to its own resolution
 * (`xStep` = x_res_implicit, `dStep` = d_res_implicit) and clipped to [0, 1]; device (i, j)
 * gets `rint(BL·q_i·p_j)` coincidences (float32, signed). Fills `work.coincidences`.
 */
export function makeDeterministicImplicitCoincidences(
  work: DenseWorkspace,
  x: Float32Array,
  xOffset: number,
  d: Float32Array,
  dOffset: number,
  scales: TrainScales,
  xStep: number,
  dStep: number,
  stoRound: boolean,
  rng: RandomSource,
): void {
  implicitValues(work.xValues, x, xOffset, scales.b, xStep, stoRound, rng);
  implicitValues(work.dValues, d, dOffset, scales.a, dStep, stoRound, rng);
  const { rows, cols, coincidences, xValues, dValues } = work;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    const dv = dValues[i]!;
    if (dv === 0) {
      coincidences.fill(0, base, base + cols);
      continue;
    }
    const dTimesBl = f32(dv * scales.bl);
    for (let j = 0; j < cols; j++) coincidences[base + j] = rint(f32(dTimesBl * xValues[j]!));
  }
}

function implicitValues(
  out: Float64Array,
  v: Float32Array,
  offset: number,
  scale: number,
  step: number,
  stoRound: boolean,
  rng: RandomSource,
): void {
  for (let j = 0; j < out.length; j++) {
    const value = v[offset + j]!;
    const raw = f32(Math.abs(value) * scale);
    const p = Math.max(Math.min(step > 0 ? quantize(raw, step, stoRound, rng) : raw, 1), 0);
    out[j] = value >= 0 ? p : -p;
  }
}
