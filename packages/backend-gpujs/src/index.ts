export { GpuJsBackend, GPUJS_BACKEND_NAME, type GpuJsBackendOptions, type GpuJsKernelRuns } from './gpujs-backend.js';
export { registerGpuJsBackend, GPUJS_BACKEND_PRIORITY, type RegisterGpuJsOptions } from './register-gpujs-backend.js';
export {
  GPUJS_MODES,
  GPUJS_GPU_MODES,
  defaultGpuJsMode,
  gpuJsModeAvailability,
  gpuJsPrecision,
  resolveGpuJsMode,
  type GpuJsMode,
  type GpuJsPrecision,
} from './gpujs-modes.js';
export { GPUJS_NATIVE_KERNELS } from './kernels/index.js';
export { forwardMvmConfig } from './kernels/forward-mvm.js';
export { backwardMvmConfig } from './kernels/backward-mvm.js';
export { pulsedUpdateConfig } from './kernels/pulsed-update.js';
export { decayWeightsConfig } from './kernels/decay-weights.js';
export { diffuseWeightsConfig } from './kernels/diffuse-weights.js';
export { driftWeightsConfig } from './kernels/drift-weights.js';
export { resetColumnsConfig } from './kernels/reset-columns.js';
export { clipWeightsConfig } from './kernels/clip-weights.js';
export { gpuJsBenchDevices } from './bench-devices.js';
