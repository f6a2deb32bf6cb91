import type { UpdateParameters } from '../../parameters/update-parameters.js';
import { absMax } from '../abs-max.js';

const f32 = Math.fround;

/** Pulse-train length BL and the probability scales A (for d) and B (for x) of one sample. */
export interface TrainScales {
  bl: number;
  a: number;
  b: number;
}

/**
 * BL, A and B before update management (aihwkit's `calculateBlAB`), computed in float32 like the
 * reference. `lr` must be > 0 and `granularity` the device's weight granularity.
 */
export function baseTrainScales(update: UpdateParameters, lr: number, granularity: number): TrainScales {
  const desired = update.desired_bl;
  if (!update.fixed_bl && !update.update_bl_management && f32(granularity * desired) < lr) {
    return { bl: Math.max(Math.ceil(f32(lr / granularity)), 1), a: 1, b: 1 };
  }
  const a = sqrtScale(lr, granularity, desired);
  return { bl: desired, a, b: a };
}

/**
 * BL, A and B for one sample with abs-max input `xAbsMax` and abs-max error `dAbsMax`
 * (aihwkit's `performUpdateManagement`, float32). `bl = 0` means the sample is skipped (one of
 * the maxima is 0).
 *
 * - update_bl_management: `BL = min(ceil(k), desired_bl)` with `k = lr·xm·dm/g`, then A = B
 *   recomputed; it also switches update_management on.
 * - update_management: when `k > desired_bl` the d maximum is reduced by `desired_bl/k` (so the
 *   d probabilities saturate instead of the x ones), then `A ·= sqrt(xm/dm)`, `B ·= sqrt(dm/xm)`.
 */
export function sampleTrainScales(
  update: UpdateParameters,
  lr: number,
  granularity: number,
  xAbsMax: number,
  dAbsMax: number,
): TrainScales {
  if (xAbsMax === 0 || dAbsMax === 0) return { bl: 0, a: 1, b: 1 };
  const lr32 = f32(lr);
  const g = f32(granularity);
  const scales = baseTrainScales(update, lr32, g);
  const ublm = update.update_bl_management;
  const um = update.update_management || ublm;
  if (!um) return scales;

  const maxBl = update.desired_bl;
  const x = f32(xAbsMax);
  let d = f32(f32(update.um_grad_scale) * f32(dAbsMax));
  if (d === 0) return { bl: 0, a: 1, b: 1 }; // um_grad_scale = 0: no x line could ever fire
  const k = f32(f32(f32(lr32 * x) * d) / g);
  if (ublm) {
    scales.bl = Math.min(Math.max(Math.ceil(k), 1), maxBl);
    scales.a = sqrtScale(lr32, g, scales.bl);
    scales.b = scales.a;
  }
  if (k > maxBl) d = f32(d * f32(maxBl / k));
  scales.a = f32(scales.a * f32(Math.sqrt(f32(x / d))));
  scales.b = f32(scales.b * f32(Math.sqrt(f32(d / x))));
  return scales;
}

/**
 * sampleTrainScales of sample `sample` of an update batch (`x` batch x cols, `d` batch x rows),
 * from the abs-max of its x and d lines.
 */
export function batchSampleTrainScales(
  update: UpdateParameters,
  lr: number,
  granularity: number,
  x: Float32Array,
  d: Float32Array,
  sample: number,
  rows: number,
  cols: number,
): TrainScales {
  return sampleTrainScales(update, lr, granularity, absMax(x, sample * cols, cols), absMax(d, sample * rows, rows));
}

function sqrtScale(lr: number, g: number, bl: number): number {
  return f32(Math.sqrt(f32(lr / f32(g * bl))));
}
