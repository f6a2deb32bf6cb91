import type { IKernelFunctionThis } from 'gpu.js';
import { rngNormal } from '../random/counter-hash.js';
import { quantizeToStep } from './quantize-functions.js';

export interface InputStageConstants {
  inSize: number;
}

/**
 * The DAC stage (reference `prepareInput`) of the samples being computed this bound-management
 * round; output n x inSize. Sample k of the round is original sample `samples[k]`, scaled by
 * `scales[k]`. Per element: `x * scale` -> quantise (step > 0) -> clip to +-bound (hasBound) ->
 * `+ noise * xi` -> negatives `* asymmetryScale` (hasAsymmetry). Random numbers come from the
 * per-sample keys (uniform for stochastic rounding, A/B for the normal) at counter j.
 */
export function inputStageKernel(
  this: IKernelFunctionThis<InputStageConstants>,
  x: Float32Array,
  samples: Float32Array,
  scales: Float32Array,
  step: number,
  stoRound: number,
  bound: number,
  hasBound: number,
  noise: number,
  asymmetryScale: number,
  hasAsymmetry: number,
  keyU: Float32Array,
  keyA: Float32Array,
  keyB: Float32Array,
): number {
  const m = this.thread.x;
  const k = Math.floor(m / this.constants.inSize);
  const j = m - k * this.constants.inSize;
  let v = Math.fround(x[samples[k]! * this.constants.inSize + j]! * scales[k]!);
  if (step > 0) v = quantizeToStep(v, step, stoRound, j, keyU[k]!);
  if (hasBound > 0) {
    if (v > bound) v = bound;
    if (v < -bound) v = -bound;
  }
  if (noise > 0) v = Math.fround(v + noise * rngNormal(j, keyA[k]!, keyB[k]!));
  if (hasAsymmetry > 0 && v < 0) v = Math.fround(v * asymmetryScale);
  return v;
}
