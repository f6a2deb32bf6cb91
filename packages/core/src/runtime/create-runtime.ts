import 'reflect-metadata';
import { container as rootContainer, Lifecycle, type DependencyContainer } from 'tsyringe';
import { PriorityBackendRegistry } from '../backends/backend-registry.js';
import { InjectedDeviceRegistry } from '../devices/injected-device-registry.js';
import { InjectedDriftCompensationRegistry } from '../inference/drift-compensation-registry.js';
import { InjectedNoiseModelRegistry } from '../inference/noise-model-registry.js';
import { KernelTable } from '../kernels/kernel-registry.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { BackendRegistry, DeviceRegistry, DriftCompensationRegistry, KernelRegistry, NoiseModelRegistry, RandomSource, Runtime } from '../tokens.js';
import { AnalogRuntime } from './analog-runtime.js';
import { RuntimeContainer } from './runtime-container.js';

/** Registers plugins (backends, kernels, device models) into a runtime's container. */
export type Registrar = (container: DependencyContainer) => void;

export interface RuntimeOptions {
  /** Parent container; a child is always created, so nothing leaks into the parent. */
  parent?: DependencyContainer;
  /** Seed of the runtime's random source (tiles draw their own seeds from it). */
  seed?: number;
  /** Plugin registrations, run in order before the runtime is resolved. */
  register?: readonly Registrar[];
  /** Backend for new tiles (`reference`, `onnx:cpu`, ...); default: the highest-priority one that works. */
  backend?: string;
}

/** Fresh registries for one container; each child container gets its own instances. */
export function registerRuntimeServices(container: DependencyContainer, seed = 0): void {
  container.register(RuntimeContainer, { useValue: container });
  container.register(KernelRegistry, { useValue: new KernelTable() });
  container.register(BackendRegistry, { useValue: new PriorityBackendRegistry() });
  container.register(RandomSource, { useValue: new XoshiroRandom(seed) });
  container.register(DeviceRegistry, { useClass: InjectedDeviceRegistry }, { lifecycle: Lifecycle.ContainerScoped });
  container.register(NoiseModelRegistry, { useClass: InjectedNoiseModelRegistry }, { lifecycle: Lifecycle.ContainerScoped });
  container.register(DriftCompensationRegistry, { useClass: InjectedDriftCompensationRegistry }, { lifecycle: Lifecycle.ContainerScoped });
  container.register(Runtime, { useClass: AnalogRuntime }, { lifecycle: Lifecycle.ContainerScoped });
}

/** Builds a runtime in a new child container. Register device plugins before the first tile. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const container = (options.parent ?? rootContainer).createChildContainer();
  registerRuntimeServices(container, options.seed ?? 0);
  for (const register of options.register ?? []) register(container);
  // Resolved first so that plugin errors (e.g. a duplicate device kind) surface as they are,
  // not wrapped in the container's injection error.
  container.resolve(DeviceRegistry);
  container.resolve(NoiseModelRegistry);
  container.resolve(DriftCompensationRegistry);
  const runtime = container.resolve(Runtime);
  if (options.backend !== undefined) runtime.setBackend(options.backend);
  return runtime;
}
