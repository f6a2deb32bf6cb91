import { batchSampleTrainScales, type TrainScales, type UpdateParameters } from '@analogkit/core';

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
    scales.push(batchSampleTrainScales(update, absLr, granularity, b.x, b.d, s, b.rows, b.cols));
  }
  return scales;
}
