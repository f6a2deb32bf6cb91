import type { ComputeBackend, Runtime } from '@analogkit/core';
import { defaultRuntime } from '@analogkit/nn';

/**
 * nn's default runtime with its backend set to `backend` (`onnx`, `gpujs:webasm`, `reference`;
 * undefined: the highest-priority backend that starts). Resolving it now turns an unknown or
 * unavailable backend into an error before any work starts.
 */
export async function runtimeWithBackend(backend: string | undefined): Promise<{ runtime: Runtime; backend: ComputeBackend }> {
  const runtime = defaultRuntime();
  runtime.setBackend(backend);
  return { runtime, backend: await runtime.getBackend() };
}
