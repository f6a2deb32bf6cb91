import type { ComputeBackend } from '../backends/compute-backend.js';
import { registerCore } from '../register-core.js';
import { createRuntime } from './create-runtime.js';
import type { Runtime } from './runtime.js';

/*
 * The default runtime of the simple path (`createTile` without an explicit runtime, layers
 * created with `new`). It is created on first use with core's plugins; packages that build on
 * core (nn) install one with every built-in plugin through setDefaultRuntime.
 */
let defaultRuntime: Runtime | undefined;

export function getDefaultRuntime(): Runtime {
  return (defaultRuntime ??= createRuntime({ register: [registerCore] }));
}

export function setDefaultRuntime(runtime: Runtime): void {
  defaultRuntime = runtime;
}

/** Chooses the backend of the default runtime, e.g. `setBackend('gpujs')`; undefined restores the automatic choice. */
export function setBackend(device: string | undefined): void {
  getDefaultRuntime().setBackend(device);
}

export function getBackend(): Promise<ComputeBackend> {
  return getDefaultRuntime().getBackend();
}
