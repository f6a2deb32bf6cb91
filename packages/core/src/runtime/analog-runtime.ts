import { inject, injectable, type DependencyContainer } from 'tsyringe';
import type { ComputeBackend } from '../backends/compute-backend.js';
import type { KernelName } from '../kernels/kernel-names.js';
import { runKernel } from '../kernels/kernel-executor.js';
import type { KernelAttrs, KernelInputs, KernelOutput } from '../kernels/kernel-signatures.js';
import { BackendRegistry, DeviceRegistry, DriftCompensationRegistry, KernelRegistry, NoiseModelRegistry, RandomSource } from '../tokens.js';
import { RuntimeContainer } from './runtime-container.js';
import type { Runtime } from './runtime.js';

@injectable()
export class AnalogRuntime implements Runtime {
  private preferred: string | undefined;

  constructor(
    @inject(RuntimeContainer) readonly container: DependencyContainer,
    @inject(BackendRegistry) readonly backends: BackendRegistry,
    @inject(KernelRegistry) readonly kernels: KernelRegistry,
    @inject(DeviceRegistry) readonly devices: DeviceRegistry,
    @inject(NoiseModelRegistry) readonly noiseModels: NoiseModelRegistry,
    @inject(DriftCompensationRegistry) readonly driftCompensations: DriftCompensationRegistry,
    @inject(RandomSource) readonly rng: RandomSource,
  ) {}

  setBackend(device: string | undefined): void {
    this.preferred = device;
  }

  getBackend(): Promise<ComputeBackend> {
    return this.backends.resolve(this.preferred);
  }

  backend(device: string): Promise<ComputeBackend> {
    return this.backends.resolve(device);
  }

  runKernel<K extends KernelName>(
    backend: ComputeBackend,
    kernel: K,
    inputs: KernelInputs<K>,
    attrs: KernelAttrs<K>,
  ): Promise<KernelOutput<K>> {
    return runKernel(this.kernels, backend, kernel, inputs, attrs);
  }
}
