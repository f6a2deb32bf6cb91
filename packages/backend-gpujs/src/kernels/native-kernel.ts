import {
  KernelError,
  type ComputeBackend,
  type KernelAttrs,
  type KernelConfig,
  type KernelInputs,
  type KernelName,
  type KernelOutput,
  type ReferenceKernel,
  type TileHandle,
} from '@analogkit/core';
import { GPUJS_BACKEND_NAME, GpuJsBackend } from '../gpujs-backend.js';

/**
 * A native kernel of the gpu.js backend: `run` gets the backend itself and runs exclusively (one
 * kernel call at a time per backend, see GpuJsBackend.exclusive).
 */
export function gpuJsKernel<K extends KernelName>(
  kernelName: K,
  run: (backend: GpuJsBackend, inputs: KernelInputs<K>, attrs: KernelAttrs<K>) => Promise<KernelOutput<K>> | KernelOutput<K>,
): KernelConfig<K> {
  return {
    kernelName,
    backendName: GPUJS_BACKEND_NAME,
    kernelFunc: ({ backend, inputs, attrs }) => {
      const gpujs = asGpuJsBackend(backend, kernelName);
      return gpujs.exclusive(() => run(gpujs, inputs, attrs));
    },
  };
}

function asGpuJsBackend(backend: ComputeBackend, kernel: KernelName): GpuJsBackend {
  if (!(backend instanceof GpuJsBackend)) {
    throw new KernelError(`The gpujs ${kernel} kernel was given the "${backend.device}" backend; it only runs on gpujs backends.`);
  }
  return backend;
}

/**
 * Runs the reference kernel on the tile's host state in place, for the configurations a native
 * kernel leaves to the spec (device models with their own rules, pulse types without a gpu.js
 * path); the backend counts it so the fallback stays visible.
 */
export function runReference<K extends KernelName>(
  backend: GpuJsBackend,
  reference: ReferenceKernel<K>,
  inputs: KernelInputs<K> & { tile: TileHandle },
  attrs: KernelAttrs<K>,
): KernelOutput<K> {
  const { tile, ...rest } = inputs;
  backend.countRun(reference.kernelName, 'reference');
  return reference.run(backend.tileState(tile), rest as Omit<KernelInputs<K>, 'tile'>, attrs);
}
