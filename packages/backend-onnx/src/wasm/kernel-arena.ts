import { KernelError } from '@analogkit/core';
import { JobDescriptor } from './job-descriptor.js';

const PAGE = 65536;

/**
 * One WebAssembly memory of the host kernels: its job descriptor at a fixed offset, and work
 * regions after `dataStart`, taken from the memory's current buffer (a memory that is not shared
 * gets a new one when it grows).
 */
export class KernelArena {
  readonly desc: JobDescriptor;

  constructor(
    readonly memory: WebAssembly.Memory,
    descOffset: number,
    private readonly dataStart: number,
    private readonly maxPages: number,
  ) {
    this.desc = new JobDescriptor(memory, descOffset);
  }

  /** Whether every array lives in this memory. */
  holds(...arrays: readonly (Float32Array | Int32Array)[]): boolean {
    const buffer = this.memory.buffer;
    return arrays.every((array) => array.buffer === buffer);
  }

  /**
   * Float32 arrays of the given lengths (16-byte aligned, growing the memory when needed). They
   * replace the previous call's: take every array a computation needs at once.
   */
  regions(lengths: readonly number[]): Float32Array[] {
    const offsets: number[] = [];
    let end = this.dataStart;
    for (const length of lengths) {
      offsets.push(end);
      end += (length * 4 + 31) & ~15;
    }
    const missing = end - this.memory.buffer.byteLength;
    if (missing > 0) {
      try {
        this.memory.grow(Math.ceil(missing / PAGE));
      } catch (err) {
        throw new KernelError(
          `The onnx backend's host kernels need ${Math.ceil(end / 2 ** 20)} MiB of work memory, beyond their ${this.maxPages / 16} MiB (${err instanceof Error ? err.message : String(err)}); split the batch into smaller ones.`,
        );
      }
    }
    const buffer = this.memory.buffer;
    return lengths.map((length, i) => new Float32Array(buffer, offsets[i], length));
  }
}
