import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { runMvm } from './mvm/run-mvm.js';

/**
 * Reference BackwardMvm: `z = W^T d` through the analog IO pipeline, with noise management but
 * no bound management (aihwkit forces it off in the backward pass); see runMvm.
 */
export const backwardMvmReference: ReferenceKernel<'BackwardMvm'> = {
  kernelName: 'BackwardMvm',
  mutatesTile: true,
  run(state, { d, batch }, { io, rng }) {
    return runMvm(state, 'backward', d, batch, io, rng);
  },
};
