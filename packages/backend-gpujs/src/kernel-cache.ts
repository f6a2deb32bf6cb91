import type { IKernelRunShortcut } from 'gpu.js';

/**
 * Compiled gpu.js kernels, grouped by the tile shape they serve: each kernel variant is built
 * once per shape and destroyed when the last tile of that shape is disposed (or with the backend).
 */
export class KernelCache {
  private readonly byShape = new Map<string, Map<string, IKernelRunShortcut>>();

  get(shape: string, variant: string, build: () => IKernelRunShortcut): IKernelRunShortcut {
    let kernels = this.byShape.get(shape);
    if (!kernels) this.byShape.set(shape, (kernels = new Map()));
    let kernel = kernels.get(variant);
    if (!kernel) kernels.set(variant, (kernel = build()));
    return kernel;
  }

  destroyShape(shape: string): void {
    const kernels = this.byShape.get(shape);
    if (!kernels) return;
    for (const kernel of kernels.values()) kernel.destroy();
    this.byShape.delete(shape);
  }

  destroyAll(): void {
    for (const shape of [...this.byShape.keys()]) this.destroyShape(shape);
  }

  size(): number {
    let n = 0;
    for (const kernels of this.byShape.values()) n += kernels.size;
    return n;
  }
}
