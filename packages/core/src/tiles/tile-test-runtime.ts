import { BackendRegistry } from '../tokens.js';
import { registerCore } from '../register-core.js';
import { createRuntime } from '../runtime/create-runtime.js';
import type { Runtime } from '../runtime/runtime.js';
import { InMemoryBackend } from '../testing/in-memory-backend.js';

/**
 * A runtime for tile tests: core plugins plus an opt-in `memory` backend with no native kernels
 * (everything runs through the read-compute-write fallback), so moves between backends are real.
 */
export function tileTestRuntime(seed = 1): Runtime {
  return createRuntime({
    seed,
    register: [
      registerCore,
      (c) => c.resolve(BackendRegistry).register('memory', (target) => new InMemoryBackend('memory', target ?? 'cpu'), -1, { gpuTargets: [] }),
    ],
  });
}
