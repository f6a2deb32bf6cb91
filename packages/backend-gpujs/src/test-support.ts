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
