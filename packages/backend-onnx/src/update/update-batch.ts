import { resolutionStep, sampleTrainScales, type TrainScales, type UpdateParameters } from '@analogkit/core';

/** One update call as the native kernels see it. */
export interface UpdateBatch {
  readonly x: Float32Array;
  readonly d: Float32Array;
  readonly batch: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * BL, A and B of every sample (core's update management; `bl = 0` skips a sample), from the
 * absolute learning rate and the device granularity.
 */
export function batchTrainScales(b: UpdateBatch, update: UpdateParameters, absLr: number, granularity: number): TrainScales[] {
  const scales: TrainScales[] = [];
  for (let s = 0; s < b.batch; s++) {
    scales.push(sampleTrainScales(update, absLr, granularity, absMax(b.x, s * b.cols, b.cols), absMax(b.d, s * b.rows, b.rows)));
  }
  return scales;
}

/**
 * The bin width of an update resolution (`res`, `x_res_implicit`, `d_res_implicit`): probabilities
 * span [0, 1] (bound 1/2), `<= 0` is off and `> 1` is a number of steps.
 */
export function probabilityStep(res: number): number {
  return resolutionStep(res, 0.5);
}

function absMax(v: Float32Array, offset: number, size: number): number {
  let m = 0;
  for (let k = offset; k < offset + size; k++) {
    const a = Math.abs(v[k]!);
    if (a > m) m = a;
  }
  return m;
}
