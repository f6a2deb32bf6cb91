import { GlobalDriftCompensation, type InferenceDriftCompensation } from '@analogkit/core';
import { globalMeanAbs } from './mean-abs-readout.js';

/** aihwkit's GlobalDriftCompensation: one alpha per tile from `max(mean|Y|, 1e-4)` over one-hot inputs through the noisy forward. */
export class GlobalDriftCompensationPlugin implements InferenceDriftCompensation<GlobalDriftCompensation> {
  readonly kind = 'global';
  readonly parameterClass = GlobalDriftCompensation;

  exactReference(): boolean {
    return false;
  }

  readout(_params: GlobalDriftCompensation, outputs: Float32Array): Float32Array {
    return globalMeanAbs(outputs);
  }
}
