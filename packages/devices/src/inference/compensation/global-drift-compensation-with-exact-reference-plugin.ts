import type { InferenceDriftCompensation } from '@analogkit/core';
import { GlobalDriftCompensationWithExactReference } from '../parameters/global-drift-compensation-with-exact-reference.js';
import { globalMeanAbs } from './mean-abs-readout.js';

/** aihwkit's GlobalDriftCompensationWithExactReference: as global, but the baseline is read through a perfect forward. */
export class GlobalDriftCompensationWithExactReferencePlugin implements InferenceDriftCompensation<GlobalDriftCompensationWithExactReference> {
  readonly kind = 'global-exact-reference';
  readonly parameterClass = GlobalDriftCompensationWithExactReference;

  exactReference(): boolean {
    return true;
  }

  readout(_params: GlobalDriftCompensationWithExactReference, outputs: Float32Array): Float32Array {
    return globalMeanAbs(outputs);
  }
}
