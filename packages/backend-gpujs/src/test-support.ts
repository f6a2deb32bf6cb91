import { createRuntime, registerCore, type ComputeBackend, type Runtime } from '@analogkit/core';
import { afterAll, beforeAll } from 'vitest';
import type { GpuJsBackend } from './gpujs-backend.js';
import { registerGpuJsBackend, type RegisterGpuJsOptions } from './register-gpujs-backend.js';

/** A runtime with core and the gpu.js backend, and its gpujs:webasm backend. */
export async function gpuJsRuntime(options: RegisterGpuJsOptions & { seed?: number } = {}): Promise<{ runtime: Runtime; backend: GpuJsBackend }> {
  const { seed = 1, ...register } = options;
  const runtime = createRuntime({ seed, register: [registerCore, (c) => registerGpuJsBackend(c, register)] });
  const backend = (await runtime.backend('gpujs:webasm')) as GpuJsBackend;
  return { runtime, backend };
}

export interface SideBySide {
  runtime: Runtime;
  gpujs: GpuJsBackend;
  reference: ComputeBackend;
}

/** One runtime for a test file with gpujs:webasm and the reference backend, disposed after the file. */
export function sideBySide(): SideBySide {
  const env = {} as SideBySide;
  beforeAll(async () => {
    const { runtime, backend } = await gpuJsRuntime();
    Object.assign(env, { runtime, gpujs: backend, reference: await runtime.backend('reference') });
  });
  afterAll(() => env.runtime.backends.disposeAll());
  return env;
}

/** Largest |actual - expected| / max(1, |expected|) (Infinity when the lengths differ). */
export function deviation(actual: Float32Array, expected: Float32Array): number {
  let worst = actual.length === expected.length ? 0 : Infinity;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return worst;
}

/** Sample mean and unbiased standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / (values.length - 1)) };
}
