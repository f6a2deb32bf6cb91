import { KernelError } from '../errors.js';
import type { KernelName } from './kernel-names.js';
import type { KernelConfig, ReferenceKernel } from './kernel-signatures.js';

type NativeTable = { [K in KernelName]?: KernelConfig<K> };
type ReferenceTable = { [K in KernelName]?: ReferenceKernel<K> };

/** Native kernels per backend plus the reference kernels every backend can fall back to. */
export interface KernelRegistry {
  register<K extends KernelName>(config: KernelConfig<K>): void;
  registerReference<K extends KernelName>(kernel: ReferenceKernel<K>): void;
  native<K extends KernelName>(backendName: string, kernelName: K): KernelConfig<K> | undefined;
  reference<K extends KernelName>(kernelName: K): ReferenceKernel<K>;
  /** The kernels a backend implements natively. */
  nativeKernels(backendName: string): KernelName[];
}

export class KernelTable implements KernelRegistry {
  private readonly nativeByBackend = new Map<string, NativeTable>();
  private readonly references: ReferenceTable = {};

  register<K extends KernelName>(config: KernelConfig<K>): void {
    let table = this.nativeByBackend.get(config.backendName);
    if (!table) this.nativeByBackend.set(config.backendName, (table = {}));
    if (table[config.kernelName]) {
      throw new KernelError(`Kernel ${config.kernelName} is registered twice for backend "${config.backendName}".`);
    }
    (table as { [P in K]?: KernelConfig<P> })[config.kernelName] = config;
  }

  registerReference<K extends KernelName>(kernel: ReferenceKernel<K>): void {
    if (this.references[kernel.kernelName]) {
      throw new KernelError(`Reference kernel ${kernel.kernelName} is registered twice.`);
    }
    (this.references as { [P in K]?: ReferenceKernel<P> })[kernel.kernelName] = kernel;
  }

  native<K extends KernelName>(backendName: string, kernelName: K): KernelConfig<K> | undefined {
    return (this.nativeByBackend.get(backendName) as { [P in K]?: KernelConfig<P> } | undefined)?.[kernelName];
  }

  reference<K extends KernelName>(kernelName: K): ReferenceKernel<K> {
    const k = (this.references as { [P in K]?: ReferenceKernel<P> })[kernelName];
    if (!k) throw new KernelError(`No reference kernel ${kernelName} is registered; call registerReferenceBackend(container) first.`);
    return k;
  }

  nativeKernels(backendName: string): KernelName[] {
    return Object.keys(this.nativeByBackend.get(backendName) ?? {}) as KernelName[];
  }
}
