/**
 * The parameters of a host-kernels job: 64 words at a fixed offset of a WebAssembly memory. A
 * memory that is not shared gets a new buffer when it grows, so the views follow the current one.
 */
export class JobDescriptor {
  private buffer: ArrayBuffer | SharedArrayBuffer;
  private i32: Int32Array;
  private f32: Float32Array;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly offset: number,
  ) {
    this.buffer = memory.buffer;
    this.i32 = new Int32Array(this.buffer, offset, 64);
    this.f32 = new Float32Array(this.buffer, offset, 64);
  }

  /** Writes integer words from word 0, then float words at their indices. */
  set(words: readonly number[], floats: readonly (readonly [index: number, value: number])[]): void {
    this.setWords(0, words);
    for (const [index, value] of floats) this.f32[index] = value;
  }

  /** Writes integer words from word `index`. */
  setWords(index: number, words: ArrayLike<number>): void {
    this.follow();
    this.i32.set(words, index);
  }

  /** Writes word `index` atomically, for threads that are running the job. */
  publish(index: number, value: number): void {
    this.follow();
    Atomics.store(this.i32, index, value);
  }

  private follow(): void {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer;
      this.i32 = new Int32Array(this.buffer, this.offset, 64);
      this.f32 = new Float32Array(this.buffer, this.offset, 64);
    }
  }
}
