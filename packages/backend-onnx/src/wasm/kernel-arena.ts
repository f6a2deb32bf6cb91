import { KernelError } from '@analogkit/core';

const PAGE = 65536;

/**
 * One WebAssembly memory of the host kernels: its job descriptor at a fixed offset, and work
 * regions after `dataStart`. A memory that is not shared gets a new buffer when it grows, so the
 * descriptor views and the regions are taken from the current buffer each time.
 */
export class KernelArena {
  private buffer: ArrayBuffer | SharedArrayBuffer;
  private i32: Int32Array;
  private f32: Float32Array;

  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly descOffset: number,
    private readonly dataStart: number,
    private readonly maxPages: number,
  ) {
    this.buffer = memory.buffer;
    this.i32 = new Int32Array(this.buffer, descOffset, 64);
    this.f32 = new Float32Array(this.buffer, descOffset, 64);
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

  /** Writes a job's parameters: integer words from 0, then float words at their indices. */
  setDesc(words: readonly number[], floats: readonly (readonly [index: number, value: number])[]): void {
    this.setWords(0, words);
    for (const [index, value] of floats) this.f32[index] = value;
  }

  /** Writes integer words of the job's parameters from word `index`. */
  setWords(index: number, words: ArrayLike<number>): void {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer;
      this.i32 = new Int32Array(this.buffer, this.descOffset, 64);
      this.f32 = new Float32Array(this.buffer, this.descOffset, 64);
    }
    this.i32.set(words, index);
  }
}
