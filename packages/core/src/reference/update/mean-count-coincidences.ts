import type { RandomSource } from '../../random/random-source.js';
import { quantize, roundHalfEven as rint } from '../mvm/quantize.js';
import type { DenseWorkspace } from './dense-workspace.js';
import type { TrainScales } from './update-management.js';

const f32 = Math.fround;

/**
 * MEAN_COUNT: no sampling; each line gets its expected pulse count `n = clip(rint(BL·p), 0, BL)`
 * (signed by the element) and device (i, j) gets `rint(n_i·n_j/BL)` coincidences, computed in
 * float32 like the reference. Fills `work.coincidences`.
 */
export function makeMeanCountCoincidences(
  work: DenseWorkspace,
  x: Float32Array,
  xOffset: number,
  d: Float32Array,
  dOffset: number,
  scales: TrainScales,
  step: number,
  stoRound: boolean,
  rng: RandomSource,
): void {
  meanCounts(work.xValues, x, xOffset, scales.b, scales.bl, step, stoRound, rng);
  meanCounts(work.dValues, d, dOffset, scales.a, scales.bl, step, stoRound, rng);
  const { rows, cols, coincidences, xValues, dValues } = work;
  const bl = scales.bl;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    const dc = dValues[i]!;
    if (dc === 0) {
      coincidences.fill(0, base, base + cols);
      continue;
    }
    const dPerSlot = f32(dc / bl);
    for (let j = 0; j < cols; j++) coincidences[base + j] = rint(f32(dPerSlot * xValues[j]!));
  }
}

function meanCounts(
  out: Float64Array,
  v: Float32Array,
  offset: number,
  scale: number,
  bl: number,
  step: number,
  stoRound: boolean,
  rng: RandomSource,
): void {
  for (let j = 0; j < out.length; j++) {
    const value = v[offset + j]!;
    const raw = f32(Math.abs(value) * scale);
    const p = step > 0 ? quantize(raw, step, stoRound, rng) : raw;
    const n = p === 0 ? 0 : Math.max(Math.min(rint(f32(bl * p)), bl), 0);
    out[j] = value >= 0 ? n : -n;
  }
}
