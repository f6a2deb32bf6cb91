import type { DependencyContainer } from 'tsyringe';
import type { BackendRegistry } from '../backends/backend-registry.js';
import type { ComputeBackend } from '../backends/compute-backend.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import type { DriftCompensationRegistry } from '../inference/drift-compensation-registry.js';
import type { NoiseModelRegistry } from '../inference/noise-model-registry.js';
import type { KernelName } from '../kernels/kernel-names.js';
import type { KernelRegistry } from '../kernels/kernel-registry.js';
import type { KernelAttrs, KernelInputs, KernelOutput } from '../kernels/kernel-signatures.js';
import type { RandomSource } from '../random/random-source.js';

/** One analogkit runtime: a DI container with its registries, a random source and a current backend. */
export interface Runtime {
  readonly container: DependencyContainer;
  readonly backends: BackendRegistry;
  readonly kernels: KernelRegistry;
  readonly devices: DeviceRegistry;
  /** Inference noise models (programming, drift and read noise of InferenceTile). */
  readonly noiseModels: NoiseModelRegistry;
  /** Drift compensations of InferenceTile. */
  readonly driftCompensations: DriftCompensationRegistry;
  readonly rng: RandomSource;
  /** Chooses the backend new tiles go to (`onnx`, `gpujs:webasm`, `reference`); resolved lazily. */
  setBackend(device: string | undefined): void;
  /** The current backend, resolved (and initialised) on first use. */
  getBackend(): Promise<ComputeBackend>;
  /** A specific backend, e.g. for `tile.to('gpujs')`. */
  backend(device: string): Promise<ComputeBackend>;
  runKernel<K extends KernelName>(backend: ComputeBackend, kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Promise<KernelOutput<K>>;
}
