import { WeightNoiseType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';

/**
 * Output-referred weight noise, redrawn on every MVM (the weights are not changed), in place on
 * `y[yOff .. yOff+outSize)`: ADDITIVE_CONSTANT `y_i += w_noise ||v||_2 xi_i`; PCM_READ
 * `y_i += w_noise sqrt(sum_j |w_ij| v_j^2) xi_i`.
 */
export function applyWeightNoise(
  type: WeightNoiseType,
  wNoise: number,
  W: Float32Array,
  outSize: number,
  inSize: number,
  v: Float32Array,
  vOff: number,
  y: Float32Array,
  yOff: number,
  rng: RandomSource,
): void {
  if (type === WeightNoiseType.ADDITIVE_CONSTANT) {
    let sq = 0;
    for (let j = 0; j < inSize; j++) sq += v[vOff + j]! * v[vOff + j]!;
    const std = wNoise * Math.sqrt(sq);
    for (let i = 0; i < outSize; i++) y[yOff + i] = y[yOff + i]! + std * rng.normal();
  } else if (type === WeightNoiseType.PCM_READ) {
    for (let i = 0; i < outSize; i++) {
      const row = i * inSize;
      let acc = 0;
      for (let j = 0; j < inSize; j++) {
        const x = v[vOff + j]!;
        acc += Math.abs(W[row + j]!) * x * x;
      }
      y[yOff + i] = y[yOff + i]! + wNoise * Math.sqrt(acc) * rng.normal();
    }
  }
}
