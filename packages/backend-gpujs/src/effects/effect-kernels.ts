import type { IKernelFunctionThis } from 'gpu.js';
import { rngNormal, rngUniform } from '../random/counter-hash.js';

/*
 * Elementwise time-effect kernels of the default pulsed-device time effects, one thread per
 * device (flat index); random numbers at counter = device index from per-call keys. Clipping
 * is `max(min(v, max_bound), min_bound)` like the reference.
 */

export interface TileConstants {
  rows: number;
  cols: number;
}

/** `w <- (w - b)(1 + alpha (decay - 1)) + b`, clipped (reference `defaultDecay`). */
export function decayKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  decayScales: Float32Array,
  resetBias: Float32Array,
  maxBound: Float32Array,
  minBound: Float32Array,
  alpha: number,
): number {
  const idx = this.thread.x;
  const b = resetBias[idx]!;
  const v = (w[idx]! - b) * (1 + alpha * (decayScales[idx]! - 1)) + b;
  return Math.max(Math.min(v, maxBound[idx]!), minBound[idx]!);
}

/** `w + rate xi`, clipped (reference `defaultDiffuse`). */
export function diffuseKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  rates: Float32Array,
  maxBound: Float32Array,
  minBound: Float32Array,
  keyA: number,
  keyB: number,
): number {
  const idx = this.thread.x;
  const v = w[idx]! + rates[idx]! * rngNormal(idx, keyA, keyB);
  return Math.max(Math.min(v, maxBound[idx]!), minBound[idx]!);
}

/** The drift clock of each element: `t` where the weight was written since the last call (|w - prev| > resetTol). */
export function driftClockKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  prev: Float32Array,
  clocks: Float32Array,
  t: number,
  resetTol: number,
): number {
  const idx = this.thread.x;
  if (Math.abs(prev[idx]! - w[idx]!) > resetTol) return t;
  return clocks[idx]!;
}

/** The drift origin w0 of each element: the weight itself where it was written since the last call. */
export function driftOriginKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  prev: Float32Array,
  origins: Float32Array,
  resetTol: number,
): number {
  const idx = this.thread.x;
  if (Math.abs(prev[idx]! - w[idx]!) > resetTol) return w[idx]!;
  return origins[idx]!;
}

/**
 * Power-law drift of each element (reference `applyDrift`): written elements keep their weight;
 * the others get `w0 s + a (s - 1)`, `s = max(t - t_ij, 1)^-nu` with
 * `nu = nu_ij (+ nu_std nu_ij xi) - nu_k ln((w - w_offset)/wg_ratio + g_offset) + nu_k log_g0`;
 * then `+ w_noise_std xi` and the clip (hasBounds).
 */
export function driftWeightKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  prev: Float32Array,
  clocks: Float32Array,
  origins: Float32Array,
  nus: Float32Array,
  t: number,
  resetTol: number,
  nuStd: number,
  nuK: number,
  wOffset: number,
  wgRatio: number,
  gOffset: number,
  logG0: number,
  offset: number,
  noiseStd: number,
  hasBounds: number,
  maxBound: Float32Array,
  minBound: Float32Array,
  nuKeyA: number,
  nuKeyB: number,
  noiseKeyA: number,
  noiseKeyB: number,
): number {
  const idx = this.thread.x;
  let v = w[idx]!;
  if (!(Math.abs(prev[idx]! - v) > resetTol)) {
    let nu = nus[idx]!;
    if (nuStd > 0) nu = nu + nuStd * nu * rngNormal(idx, nuKeyA, nuKeyB);
    if (nuK !== 0) nu = nu - nuK * Math.log((v - wOffset) / wgRatio + gOffset) + nuK * logG0;
    const s = Math.pow(Math.max(t - clocks[idx]!, 1), -nu);
    v = origins[idx]! * s + offset * (s - 1);
  }
  if (noiseStd > 0) v = v + noiseStd * rngNormal(idx, noiseKeyA, noiseKeyB);
  if (hasBounds > 0) v = Math.max(Math.min(v, maxBound[idx]!), minBound[idx]!);
  return v;
}

/**
 * Column reset (reference `defaultResetColumns`): in the columns whose mask is set, each device
 * with probability `prob` becomes `reset_bias + reset_std xi`, clipped.
 */
export function resetColumnsKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  resetBias: Float32Array,
  maxBound: Float32Array,
  minBound: Float32Array,
  columnMask: Float32Array,
  prob: number,
  resetStd: number,
  keyU: number,
  keyA: number,
  keyB: number,
): number {
  const idx = this.thread.x;
  const j = idx - Math.floor(idx / this.constants.cols) * this.constants.cols;
  let v = w[idx]!;
  if (columnMask[j]! > 0) {
    if (prob >= 1 || rngUniform(idx, keyU) < prob) {
      let noise = 0;
      if (resetStd > 0) noise = resetStd * rngNormal(idx, keyA, keyB);
      v = Math.max(Math.min(resetBias[idx]! + noise, maxBound[idx]!), minBound[idx]!);
    }
  }
  return v;
}

/** Per-row sums `sum_j (w_ij - center)^power` for power 1 or 2 (output: one value per row). */
export function rowMomentKernel(this: IKernelFunctionThis<TileConstants>, w: Float32Array, center: number, power: number): number {
  const base = this.thread.x * this.constants.cols;
  let acc = 0;
  for (let j = 0; j < this.constants.cols; j++) {
    const dv = w[base + j]! - center;
    if (power > 1) acc += dv * dv;
    else acc += dv;
  }
  return acc;
}

/** Per-row `max_j |w_ij|`. */
export function rowAbsMaxKernel(this: IKernelFunctionThis<TileConstants>, w: Float32Array): number {
  const base = this.thread.x * this.constants.cols;
  let m = 0;
  for (let j = 0; j < this.constants.cols; j++) m = Math.max(m, Math.abs(w[base + j]!));
  return m;
}

/** `w` clipped to +-limit. */
export function clipKernel(this: IKernelFunctionThis<TileConstants>, w: Float32Array, limit: number): number {
  return Math.min(Math.max(w[this.thread.x]!, -limit), limit);
}
