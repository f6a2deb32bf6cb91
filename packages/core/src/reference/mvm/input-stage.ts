import type { RandomSource } from '../../random/random-source.js';
import type { MvmSettings } from './mvm-settings.js';
import { quantize } from './quantize.js';

/**
 * The DAC stage for one input vector, per element in this order: `x scale` (when scaling) ->
 * quantise (inp_res) -> clip to +-inp_bound -> `+ inp_noise * xi` -> negatives `x (1 - inp_asymmetry)`.
 * Reads `x[xOff .. xOff+inSize)` and writes `out[outOff .. outOff+inSize)`, in float32.
 */
export function prepareInput(
  x: Float32Array,
  xOff: number,
  scale: number,
  scaling: boolean,
  s: MvmSettings,
  rng: RandomSource,
  out: Float32Array,
  outOff: number,
): void {
  const n = s.inSize;
  const step = s.inpStep;
  const bound = s.inpBound;
  const noise = s.inpNoise;
  const stoRound = s.inpStoRound;
  const withAsymmetry = s.inpAsymmetry !== 0;
  const asymmetryScale = Math.fround(1 - s.inpAsymmetry);
  for (let j = 0; j < n; j++) {
    let v = x[xOff + j]!;
    if (scaling) v = Math.fround(v * scale);
    if (step > 0) v = quantize(v, step, stoRound, rng);
    if (v > bound) v = bound;
    else if (v < -bound) v = -bound;
    if (noise > 0) v = Math.fround(v + noise * rng.normal());
    if (withAsymmetry && v < 0) v = Math.fround(v * asymmetryScale);
    out[outOff + j] = v;
  }
}
