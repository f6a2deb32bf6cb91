import { lineProbability, type RandomSource, type TrainScales } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';
import type { UpdateBatch } from './update-batch.js';

/**
 * The stochastic pulse trains of a batch as signed 0/1 matrices: every sample gets BL slots, and
 * in slot k line j is `sign(v_j)` when it fires (probability `p_j`, see core's lineProbability)
 * and 0 otherwise. The d lines carry the sign of lr too, so a coincidence `d * x > 0` is a down
 * step. The slots of all samples are stacked: `d` is slots x rows and `x` slots x cols, so the
 * coincidence counts are `d^T x`.
 */
export interface PulseTrains {
  readonly d: Float32Array;
  readonly x: Float32Array;
  readonly slots: number;
  /** First slot of each sample (batch + 1 entries). */
  readonly sampleSlots: Int32Array;
}

export interface TrainSettings {
  /** Probability resolution step (0: none). */
  readonly step: number;
  readonly stoRound: boolean;
  readonly lrSign: 1 | -1;
}

/**
 * Draws the trains into `d` and `x` from `buffers` (slots * rows and slots * cols; every entry is
 * written). Firing uniforms come from `random`; stochastic rounding of the probabilities draws
 * from `rng`, as the reference does.
 */
export function makePulseTrains(
  b: UpdateBatch,
  scales: readonly TrainScales[],
  settings: TrainSettings,
  random: FastRandom,
  rng: RandomSource,
  buffers: (slots: number) => { d: Float32Array; x: Float32Array },
): PulseTrains {
  const sampleSlots = new Int32Array(b.batch + 1);
  for (let s = 0; s < b.batch; s++) sampleSlots[s + 1] = sampleSlots[s]! + scales[s]!.bl;
  const slots = sampleSlots[b.batch]!;
  const { d, x } = buffers(slots);
  const xProbabilities = new Float32Array(b.cols);
  const dProbabilities = new Float32Array(b.rows);
  for (let s = 0; s < b.batch; s++) {
    const { bl, a, b: bScale } = scales[s]!;
    if (bl === 0) continue;
    signedProbabilities(b.x, s * b.cols, bScale, 1, settings, rng, xProbabilities);
    signedProbabilities(b.d, s * b.rows, a, settings.lrSign, settings, rng, dProbabilities);
    random.fillPulseTrains(xProbabilities, bl, x, sampleSlots[s]!);
    random.fillPulseTrains(dProbabilities, bl, d, sampleSlots[s]!);
  }
  return { d, x, slots, sampleSlots };
}

/** `sign(v_j) signFactor p_j` for the lines of one sample (0 where p_j is 0). */
function signedProbabilities(v: Float32Array, offset: number, scale: number, signFactor: number, settings: TrainSettings, rng: RandomSource, out: Float32Array): void {
  if (settings.step > 0) {
    for (let j = 0; j < out.length; j++) {
      const value = v[offset + j]!;
      out[j] = (value > 0 ? signFactor : -signFactor) * lineProbability(value, scale, settings.step, settings.stoRound, rng);
    }
    return;
  }
  // fl32(|v| scale) with v's sign is fl32(v scale): branch-free for random signs.
  for (let j = 0; j < out.length; j++) out[j] = signFactor * Math.fround(v[offset + j]! * scale);
}
