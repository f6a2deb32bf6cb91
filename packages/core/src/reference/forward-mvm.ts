import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { runMvm } from './mvm/run-mvm.js';

/**
 * Reference ForwardMvm: `y = W x` through the analog IO pipeline (noise and bound management,
 * DAC, MAC with non-idealities, ADC), sample by sample; see runMvm.
 */
export const forwardMvmReference: ReferenceKernel<'ForwardMvm'> = {
  kernelName: 'ForwardMvm',
  mutatesTile: true,
  run(state, { x, batch }, { io, rng }) {
    return runMvm(state, 'forward', x, batch, io, rng);
  },
};
