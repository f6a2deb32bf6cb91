import type { ComputeBackend } from '../backends/compute-backend.js';
import type { TileHandle, TileState } from '../backends/tile-state.js';
import type { KernelName } from './kernel-names.js';
import type { KernelRegistry } from './kernel-registry.js';
import type { KernelAttrs, KernelInputs, KernelOutput, ReferenceInputs } from './kernel-signatures.js';

/** A backend whose tile states live in host memory and can be handed to reference kernels as they are. */
export interface HostStateBackend extends ComputeBackend {
  stateOf(handle: TileHandle): TileState;
}

export function isHostStateBackend(b: ComputeBackend): b is HostStateBackend {
  return typeof (b as Partial<HostStateBackend>).stateOf === 'function';
}

/**
 * Runs a kernel on a backend: its native kernel when it has one, otherwise the reference kernel
 * (in place on host-state backends; read, compute and write back on the others).
 */
export async function runKernel<K extends KernelName>(
  kernels: KernelRegistry,
  backend: ComputeBackend,
  kernelName: K,
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
): Promise<KernelOutput<K>> {
  const native = kernels.native(backend.name, kernelName);
  if (native) return native.kernelFunc({ backend, inputs, attrs });
  const ref = kernels.reference(kernelName);
  const { tile, ...rest } = inputs as KernelInputs<K> & { tile?: TileHandle };
  const refInputs = rest as ReferenceInputs<K>;
  if (!tile) return ref.run(undefined, refInputs, attrs);
  if (isHostStateBackend(backend)) return ref.run(backend.stateOf(tile), refInputs, attrs);
  const state = await backend.readTile(tile);
  const out = ref.run(state, refInputs, attrs);
  if (ref.mutatesTile) await backend.writeTile(tile, state);
  return out;
}
