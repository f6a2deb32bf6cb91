import type { RandomSource } from '../../random/random-source.js';
import type { DenseWorkspace } from './dense-workspace.js';
import { lineMeanCount } from './line-probability.js';
import type { TrainScales } from './update-management.js';

/**
 * MEAN_COUNT: no sampling; each line gets its expected pulse count `n = clip(rint(BL·p), 0, BL)`
 * (signed by the element) and device (i, j) gets `rint(n_i/BL·n_j)` coincidences, in float32
 * like the reference. Fills `work.coincidences`.
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
  const bl = scales.bl;
  meanCounts(work.xValues, x, xOffset, scales.b, bl, step, stoRound, rng);
  meanCounts(work.dValues, d, dOffset, scales.a, bl, step, stoRound, rng);
  work.fillCoincidences((dCount) => Math.fround(dCount / bl));
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
  for (let j = 0; j < out.length; j++) out[j] = lineMeanCount(v[offset + j]!, scale, bl, step, stoRound, rng);
}
