import type { InferenceDriftCompensation } from '@analogkit/core';
import { PerColumnDriftCompensation } from '../parameters/per-column-drift-compensation.js';
import { perOutputMeanAbs } from './mean-abs-readout.js';

/** aihwkit's PerColumnDriftCompensation: one alpha per output from `max(mean|Y[:, i]|, 1e-4)` over one-hot inputs. */
export class PerColumnDriftCompensationPlugin implements InferenceDriftCompensation<PerColumnDriftCompensation> {
  readonly kind = 'per-column';
  readonly parameterClass = PerColumnDriftCompensation;

  exactReference(): boolean {
    return false;
  }

  readout(_params: PerColumnDriftCompensation, outputs: Float32Array, n: number, out: number): Float32Array {
    return perOutputMeanAbs(outputs, n, out);
  }
}
