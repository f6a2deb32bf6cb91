import { BoundManagementType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import type { MvmParameters } from './draw-mvm-parameters.js';
import type { MvmSettings } from './mvm-settings.js';
import { quantize } from './quantize.js';

/**
 * The ADC stage for one output vector `y[yOff .. yOff+outSize)`, per element in this order:
 * non-linearity `f y / (1 + |nl_i y|)` (with out_nonlinearity or r_series) -> negatives
 * `x (1 - out_asymmetry)` (only when out_asymmetry > 0) -> `+ sigma_i xi` (out_noise, or the
 * drawn per-output strength) -> quantise (out_res) -> clip to +-out_bound.
 *
 * Returns the bound test of bound management: false when an output was clipped above, or below
 * when bm_test_negative_bound. Every output is tested (SPEC §11.3), so one clipped output fails
 * the vector whatever comes after it. Without bound management the result is true.
 */
export function finalizeOutput(y: Float32Array, yOff: number, s: MvmSettings, p: MvmParameters, rng: RandomSource): boolean {
  const n = s.outSize;
  const nl = s.hasNLCalibration ? p.outNonlinearity : null;
  const nlf = p.outNonlinearityFactor;
  const withAsymmetry = s.outAsymmetry > 0;
  const asymmetryScale = Math.fround(1 - s.outAsymmetry);
  const noiseValues = p.outNoiseValues;
  const withNoise = s.withOutNoise;
  const step = s.outStep;
  const bound = s.outBound;
  const testBounds = s.bm !== BoundManagementType.NONE;
  const testNegative = s.bmTestNegativeBound;
  let passed = true;
  for (let i = 0; i < n; i++) {
    let v = y[yOff + i]!;
    if (nl) v = Math.fround((nlf * v) / (1 + Math.abs(nl[i]! * v)));
    if (withAsymmetry && v < 0) v = Math.fround(v * asymmetryScale);
    if (withNoise) v = Math.fround(v + (noiseValues ? noiseValues[i]! : s.outNoise) * rng.normal());
    if (step > 0) v = quantize(v, step, s.outStoRound, rng);
    if (v > bound) {
      v = bound;
      passed = false;
    } else if (v < -bound) {
      v = -bound;
      if (testNegative) passed = false;
    }
    y[yOff + i] = v;
  }
  return passed || !testBounds;
}
