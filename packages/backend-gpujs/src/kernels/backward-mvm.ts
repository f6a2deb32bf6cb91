import { runGpuJsMvm } from '../mvm/run-gpujs-mvm.js';
import { gpuJsKernel } from './native-kernel.js';

/** BackwardMvm on gpu.js: `z = W^T d` through the analog IO pipeline, without bound management. */
export const backwardMvmConfig = gpuJsKernel('BackwardMvm', (backend, { tile, d, batch }, { io, rng }) => {
  backend.countRun('BackwardMvm', 'native');
  return runGpuJsMvm(backend, tile, 'backward', d, batch, io, rng);
});
