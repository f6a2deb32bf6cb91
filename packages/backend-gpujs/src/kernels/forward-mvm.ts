import { runGpuJsMvm } from '../mvm/run-gpujs-mvm.js';
import { gpuJsKernel } from './native-kernel.js';

/** ForwardMvm on gpu.js: `y = W x` through the whole analog IO pipeline (see runGpuJsMvm). */
export const forwardMvmConfig = gpuJsKernel('ForwardMvm', (backend, { tile, x, batch }, { io, rng }) => {
  backend.countRun('ForwardMvm', 'native');
  return runGpuJsMvm(backend, tile, 'forward', x, batch, io, rng);
});
