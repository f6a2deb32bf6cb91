import type { IKernelFunctionThis } from 'gpu.js';
import { rngNormal } from '../random/counter-hash.js';
import { quantizeToStep } from './quantize-functions.js';

export interface OutputStageConstants {
  outSize: number;
}

/**
 * The ADC stage (reference `finalizeOutput`) without the final clip, which the host applies
 * while it runs the bound test; output n x outSize. The input is `y1`, or `fl32(y1 + y2)` when
 * `sumTwo` (the analog sum of the two POS_NEG_SEPARATE passes). Per element: non-linearity
 * `nlf y / (1 + |nl_i y|)` (hasNonlinearity) -> negatives `* asymmetryScale` (hasAsymmetry) ->
 * `+ sigma_i xi` (withNoise; sigma_i = noiseValues[i] when hasNoiseValues, else noise) ->
 * quantise (step > 0).
 */
export function outputStageKernel(
  this: IKernelFunctionThis<OutputStageConstants>,
  y1: Float32Array,
  y2: Float32Array,
  sumTwo: number,
  hasNonlinearity: number,
  nonlinearity: Float32Array,
  nonlinearityFactor: number,
  hasAsymmetry: number,
  asymmetryScale: number,
  withNoise: number,
  noise: number,
  hasNoiseValues: number,
  noiseValues: Float32Array,
  step: number,
  stoRound: number,
  keyU: Float32Array,
  keyA: Float32Array,
  keyB: Float32Array,
): number {
  const m = this.thread.x;
  const k = Math.floor(m / this.constants.outSize);
  const i = m - k * this.constants.outSize;
  let v = y1[m]!;
  if (sumTwo > 0) v = Math.fround(v + y2[m]!);
  if (hasNonlinearity > 0) v = Math.fround((nonlinearityFactor * v) / (1 + Math.abs(nonlinearity[i]! * v)));
  if (hasAsymmetry > 0 && v < 0) v = Math.fround(v * asymmetryScale);
  if (withNoise > 0) {
    let sigma = noise;
    if (hasNoiseValues > 0) sigma = noiseValues[i]!;
    v = Math.fround(v + sigma * rngNormal(i, keyA[k]!, keyB[k]!));
  }
  if (step > 0) v = quantizeToStep(v, step, stoRound, i, keyU[k]!);
  return v;
}
