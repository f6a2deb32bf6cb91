import type { IKernelFunctionThis } from 'gpu.js';
import { rngNormal, rngUniform } from '../random/counter-hash.js';

/*
 * The pulsed-update kernels: fireLinesKernel makes the stochastic pulse trains (one thread per
 * line and slot), the others run one thread per device (i, j) of a rows x cols tile. A device
 * only ever sees its own pulses, so each thread walks the samples of the batch in order.
 */

export interface TileConstants {
  rows: number;
  cols: number;
}

export interface LineConstants {
  lines: number;
}

/**
 * Stochastic pulse trains: line `line` of sample s fires in slot t < lengths[s] when its signed
 * probability p (from the host's update management) has |p| >= 1 or |p| > U; output
 * (s * slots + t) * lines + line is sign(p) when it fires, else 0.
 */
export function fireLinesKernel(
  this: IKernelFunctionThis<LineConstants>,
  probabilities: Float32Array,
  lengths: Float32Array,
  slots: number,
  keys: Float32Array,
): number {
  const m = this.thread.x;
  const r = Math.floor(m / this.constants.lines);
  const line = m - r * this.constants.lines;
  const s = Math.floor(r / slots);
  const t = r - s * slots;
  let fired = 0;
  if (t < lengths[s]!) {
    const p = probabilities[s * this.constants.lines + line]!;
    const a = Math.abs(p);
    if (a > 0) {
      if (a >= 1 || a > rngUniform(line, keys[r]!)) {
        fired = 1;
        if (p < 0) fired = -1;
      }
    }
  }
  return fired;
}

/**
 * ConstantStep pulses of a batch on one device (reference semantics: `w +- (1 + dw_min_std xi)
 * dwmin_up/down` per pulse, clipped to the device bounds; a pulse is a down step when
 * `sign(d_i) sign(x_j) lrSign > 0`). The signed pulse count of sample s is, for stochastic trains
 * (dense = 0), the coincidences `sum_t lineD[s, t, i] lineX[s, t, j]` over its `lengths[s]` slots,
 * and for MEAN_COUNT / DETERMINISTIC_IMPLICIT (dense = 1) `rint(fl32(lineD[s, i] lineX[s, j]))`.
 *
 * The batch is applied at once: n steps of `s (1 + sigma xi)` sum to `s (n + sigma sqrt(n) xi)`
 * (one normal per device), clipped once; a device whose pulses all go one way ends there whether
 * it is clipped after every pulse or once. Devices that move both ways and whose reach (with a
 * margin of 6 sigma of the summed noise) passes a bound are replayed sample by sample instead,
 * clipped after each sample (all pulses of one sample go the same way). Normals: `totalKey*` for
 * the batch, `sampleKeys*[s]` for the replay, at counter = device index.
 */
export function constantStepPulseKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  stepUp: Float32Array,
  stepDown: Float32Array,
  maxBound: Float32Array,
  minBound: Float32Array,
  lineX: Float32Array,
  lineD: Float32Array,
  lengths: Float32Array,
  dense: number,
  batch: number,
  slots: number,
  lrSign: number,
  std: number,
  totalKeyA: number,
  totalKeyB: number,
  sampleKeysA: Float32Array,
  sampleKeysB: Float32Array,
): number {
  const idx = this.thread.x;
  const i = Math.floor(idx / this.constants.cols);
  const j = idx - i * this.constants.cols;
  const up = stepUp[idx]!;
  const down = stepDown[idx]!;
  const hi = maxBound[idx]!;
  const lo = minBound[idx]!;
  const w0 = w[idx]!;
  let v = w0;
  let upCount = 0;
  let downCount = 0;
  let replay = 0;
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 0 || replay > 0) {
      for (let s = 0; s < batch; s++) {
        let c = 0;
        if (dense > 0) {
          const q = Math.fround(lineD[s * this.constants.rows + i]! * lineX[s * this.constants.cols + j]!);
          c = Math.floor(q + 0.5);
          if (c - q === 0.5 && c * 0.5 !== Math.floor(c * 0.5)) c = c - 1;
        } else {
          for (let t = 0; t < slots; t++) {
            if (t < lengths[s]!) {
              const r = s * slots + t;
              c += lineD[r * this.constants.rows + i]! * lineX[r * this.constants.cols + j]!;
            }
          }
        }
        if (c !== 0) {
          const n = Math.abs(c);
          if (pass === 0) {
            if (c * lrSign > 0) downCount += n;
            else upCount += n;
          } else {
            let pulses = n;
            if (std > 0) pulses = n + std * Math.sqrt(n) * rngNormal(idx, sampleKeysA[s]!, sampleKeysB[s]!);
            if (c * lrSign > 0) v = v - down * pulses;
            else v = v + up * pulses;
            v = Math.fround(Math.max(Math.min(v, hi), lo));
          }
        }
      }
      if (pass === 0) {
        const upReach = up * upCount;
        const downReach = down * downCount;
        let spread = 0;
        if (std > 0) spread = std * Math.sqrt(up * upReach + down * downReach);
        const reachesBound = w0 + upReach + 6 * spread > hi || w0 - downReach - 6 * spread < lo;
        if (upCount > 0 && downCount > 0 && reachesBound) {
          replay = 1;
        } else {
          v = w0 + upReach - downReach;
          if (std > 0) v = v + spread * rngNormal(idx, totalKeyA, totalKeyB);
          v = Math.max(Math.min(v, hi), lo);
        }
      }
    }
  }
  return v;
}

/**
 * The exact update `W -= lr d x^T`, sample by sample (`scaledD` = fl32(-lr d)); with `bounded`
 * the weight is clipped to the device bounds after each sample (NONE_WITH_DEVICE).
 */
export function exactUpdateKernel(
  this: IKernelFunctionThis<TileConstants>,
  w: Float32Array,
  x: Float32Array,
  scaledD: Float32Array,
  batch: number,
  bounded: number,
  maxBound: Float32Array,
  minBound: Float32Array,
): number {
  const idx = this.thread.x;
  const i = Math.floor(idx / this.constants.cols);
  const j = idx - i * this.constants.cols;
  let wv = w[idx]!;
  for (let s = 0; s < batch; s++) {
    wv = Math.fround(wv + scaledD[s * this.constants.rows + i]! * x[s * this.constants.cols + j]!);
    if (bounded > 0) {
      if (wv > maxBound[idx]!) wv = maxBound[idx]!;
      if (wv < minBound[idx]!) wv = minBound[idx]!;
    }
  }
  return wv;
}
