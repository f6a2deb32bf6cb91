import type { KernelName, KernelRegistry } from '@analogkit/core';
import { backwardMvmConfig } from './backward-mvm.js';
import { forwardMvmConfig } from './forward-mvm.js';
import { pulsedUpdateConfig } from './pulsed-update.js';

/** The kernels the onnx backend runs natively; every other kernel falls back to the reference one. */
export const ONNX_NATIVE_KERNELS: readonly KernelName[] = [forwardMvmConfig.kernelName, backwardMvmConfig.kernelName, pulsedUpdateConfig.kernelName];

export function registerOnnxKernels(kernels: KernelRegistry): void {
  kernels.register(forwardMvmConfig);
  kernels.register(backwardMvmConfig);
  kernels.register(pulsedUpdateConfig);
}
