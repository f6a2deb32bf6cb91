import type { RandomSource } from '../../random/random-source.js';
import type { DenseWorkspace } from './dense-workspace.js';
import { lineImplicitProbability } from './line-probability.js';
import type { TrainScales } from './update-management.js';

/**
 * DETERMINISTIC_IMPLICIT: each line's probability is quantised to its own resolution
 * (`xStep` from x_res_implicit, `dStep` from d_res_implicit) and clipped to [0, 1]; device (i, j)
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
  work.fillCoincidences((dValue) => Math.fround(dValue * scales.bl));
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
  for (let j = 0; j < out.length; j++) out[j] = lineImplicitProbability(v[offset + j]!, scale, step, stoRound, rng);
}
