import { BackendRegistry, KernelRegistry, type Registrar } from '@analogkit/core';
import { GPUJS_BACKEND_NAME, GpuJsBackend, type GpuJsBackendOptions } from './gpujs-backend.js';
import { resolveGpuJsMode } from './gpujs-modes.js';
import { GPUJS_NATIVE_KERNELS } from './kernels/index.js';

/** Below onnx (100), above the reference backend (0). */
export const GPUJS_BACKEND_PRIORITY = 50;

export interface RegisterGpuJsOptions extends Omit<GpuJsBackendOptions, 'mode'> {
  /** Registry priority (default GPUJS_BACKEND_PRIORITY; negative: only when named). */
  priority?: number;
}

/**
 * Registers the gpu.js backend (`gpujs`, or `gpujs:<mode>` for a named mode) and its native
 * kernels. GPU targets for `tile.cuda()`: headlessgl, webgpu.
 */
export function registerGpuJsBackend(container: Parameters<Registrar>[0], options: RegisterGpuJsOptions = {}): void {
  const kernels = container.resolve(KernelRegistry);
  for (const config of GPUJS_NATIVE_KERNELS) kernels.register(config);
  const { priority = GPUJS_BACKEND_PRIORITY, ...backendOptions } = options;
  container.resolve(BackendRegistry).register(
    GPUJS_BACKEND_NAME,
    (target) => new GpuJsBackend({ ...backendOptions, mode: resolveGpuJsMode(target) }),
    priority,
    { gpuTargets: ['headlessgl', 'webgpu'] },
  );
}
