import { WeightNoiseType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import { macBatch } from './mac.js';

/**
 * Output-referred weight noise, redrawn on every MVM (the weights are not changed), in place on
 * the outputs Y (n x outSize) of the pass inputs V (n x inSize): ADDITIVE_CONSTANT
 * `y_i += w_noise ||v||_2 xi_i`; PCM_READ `y_i += w_noise sqrt(sum_j |w_ij| v_j^2) xi_i`.
 * PCM_READ needs `absW` (|W|) and the work buffers `sq` (n x inSize) and `acc` (n x outSize).
 */
export function applyWeightNoise(
  type: WeightNoiseType,
  wNoise: number,
  absW: Float32Array,
  outSize: number,
  inSize: number,
  V: Float32Array,
  n: number,
  Y: Float32Array,
  rng: RandomSource,
  sq: Float32Array,
  acc: Float32Array,
): void {
  if (type === WeightNoiseType.ADDITIVE_CONSTANT) {
    for (let k = 0; k < n; k++) {
      let norm2 = 0;
      for (let j = k * inSize, end = j + inSize; j < end; j++) norm2 += V[j]! * V[j]!;
      const std = wNoise * Math.sqrt(norm2);
      for (let m = k * outSize, end = m + outSize; m < end; m++) Y[m] = Y[m]! + std * rng.normal();
    }
  } else if (type === WeightNoiseType.PCM_READ) {
    const inLen = n * inSize;
    for (let m = 0; m < inLen; m++) sq[m] = V[m]! * V[m]!;
    macBatch(absW, outSize, inSize, sq, n, acc);
    const outLen = n * outSize;
    for (let m = 0; m < outLen; m++) Y[m] = Y[m]! + wNoise * Math.sqrt(acc[m]!) * rng.normal();
  }
}
