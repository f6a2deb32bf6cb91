import { KernelError } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';
import { ZIGGURAT_256 } from '../random/ziggurat.js';
import { HOST_KERNELS_WASM_BASE64 } from './host-kernels-wasm.generated.js';
import { HostThreads, MAX_CHUNKS, type HostJobExport } from './host-threads.js';

/** Byte offsets of host-kernels.wat's memory layout (see the comment at its top). */
const KN_TABLE = 128;
const WN32_TABLE = 1152;
const WN64_TABLE = 2176;
const FN_TABLE = 4224;
/** Thread t's scratch area (a generator state) at SCRATCH + 128 t. */
const SCRATCH = 8192;
const MAX_THREADS = 32;
/** The parameters of the current job. */
const DESC = SCRATCH + 128 * MAX_THREADS;
const DATA = DESC + 256;
const PAGE = 65536;
/** The most the shared memory may grow to (1 GiB), as declared in host-kernels.wat. */
const MAX_PAGES = 16384;
/** Values per chunk: 64 KB, so a chunk stays in cache between its passes. */
const CHUNK = 16384;

const JOBS = ['normals_chunk', 'abs_max_rows', 'dac_rows', 'adc_rows'] as const;
type HostJob = (typeof JOBS)[number];

/** The ADC stage of an MVM output: see `HostKernels.adc`. */
export interface AdcSettings {
  /** Output noise strength (0: none). */
  readonly sigma: number;
  /** Quantisation step (0: none). */
  readonly step: number;
  /** Clipping bound (Infinity: none). */
  readonly bound: number;
  /** The bound test takes |y| rather than y. */
  readonly testAbs: boolean;
}

/**
 * The host-side kernels of the backend (host-kernels.wat in WebAssembly SIMD) on one shared
 * memory, each job split over the calling thread and `threads - 1` workers (HostThreads). Arrays
 * handed to the jobs must live in that memory: take them from `regions`. Normals are drawn per
 * chunk from a key taken from the caller's generator, so a tile's seed decides every number, and
 * the numbers do not depend on the number of threads.
 */
export class HostKernels {
  private readonly memory: WebAssembly.Memory;
  private readonly threads: HostThreads;
  private readonly descI32: Int32Array;
  private readonly descF32: Float32Array;

  constructor(threads: number) {
    const module = new WebAssembly.Module(Buffer.from(HOST_KERNELS_WASM_BASE64, 'base64'));
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory }, math: { log: Math.log } });
    const buffer = this.memory.buffer;
    const { kn, wn, fn } = ZIGGURAT_256;
    new Int32Array(buffer, KN_TABLE, 256).set(kn);
    new Float32Array(buffer, WN32_TABLE, 256).set(wn);
    new Float64Array(buffer, WN64_TABLE, 256).set(wn);
    new Float64Array(buffer, FN_TABLE, 256).set(fn);
    this.descI32 = new Int32Array(buffer, DESC, 64);
    this.descF32 = new Float32Array(buffer, DESC, 64);
    const workers = Math.min(MAX_THREADS, Math.max(1, Math.floor(threads))) - 1;
    this.threads = new HostThreads(module, this.memory, JOBS.map((name) => [name, instance.exports[name] as HostJobExport] as const), workers, SCRATCH);
  }

  /**
   * Float32 arrays of the given lengths in the shared memory (16-byte aligned, growing it when
   * needed). They replace the previous call's: take every array a computation needs at once.
   */
  regions<const L extends readonly number[]>(...lengths: L): { [K in keyof L]: Float32Array } {
    const offsets: number[] = [];
    let end = DATA;
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
          `The onnx backend's host kernels need ${Math.ceil(end / 2 ** 20)} MiB of work memory, beyond their ${MAX_PAGES / 16} MiB (${err instanceof Error ? err.message : String(err)}); split the batch into smaller ones.`,
        );
      }
    }
    const buffer = this.memory.buffer;
    return lengths.map((length, i) => new Float32Array(buffer, offsets[i], length)) as { [K in keyof L]: Float32Array };
  }

  /** `out[i] = sigma * N(0, 1)` for any out (drawn in shared memory, then copied). */
  normals(out: Float32Array, sigma: number, random: FastRandom): void {
    const [shared] = this.regions(out.length);
    this.setDesc([shared.byteOffset, out.length, 0, 0], [[2, sigma]]);
    this.setKey(4, random);
    this.run('normals_chunk', Math.ceil(out.length / CHUNK));
    out.set(shared);
  }

  /** `out[r] = max_j |x[r, j]|` for the `rows` rows of n values of x. */
  absMaxRows(x: Float32Array, rows: number, n: number, out: Float32Array): void {
    const perChunk = rowsPerChunk(rows, n);
    this.setDesc([x.byteOffset, rows, n, perChunk, out.byteOffset], []);
    this.run('abs_max_rows', Math.ceil(rows / perChunk));
  }

  /** The DAC stage, in float32: `v = clip(quantize(x scale[r], step), -bound, bound)` per row r. */
  dac(x: Float32Array, v: Float32Array, rows: number, n: number, scales: Float32Array, step: number, bound: number): void {
    const perChunk = rowsPerChunk(rows, n);
    this.setDesc([x.byteOffset, v.byteOffset, rows, n, perChunk, scales.byteOffset], [[6, step], [7, bound]]);
    this.run('dac_rows', Math.ceil(rows / perChunk));
  }

  /**
   * The ADC stage, in float32, per row r: `a = quantize(y + sigma N(0, 1), step)`, the bound
   * test `failed[r] = max(a) > bound` (max |a| with testAbs), `out = clip(a, -bound, bound) factor[r]`.
   */
  adc(y: Float32Array, out: Float32Array, rows: number, n: number, adc: AdcSettings, factors: Float32Array, failed: Int32Array, random: FastRandom): void {
    const perChunk = rowsPerChunk(rows, n);
    this.setDesc(
      [y.byteOffset, out.byteOffset, rows, n, perChunk, 0, 0, 0, adc.testAbs ? 1 : 0, factors.byteOffset, failed.byteOffset],
      [[5, adc.sigma], [6, adc.step], [7, adc.bound]],
    );
    this.setKey(12, random);
    this.run('adc_rows', Math.ceil(rows / perChunk));
  }

  /** Resolves once the worker threads are running (see HostThreads.whenReady). */
  whenReady(): Promise<void> {
    return this.threads.whenReady();
  }

  /** Stops the worker threads (later jobs run on the calling thread). */
  dispose(): void {
    this.threads.dispose();
  }

  /** Runs `chunks` chunks of `job`, whose parameters are in the descriptor. */
  private run(job: HostJob, chunks: number): void {
    this.threads.run(JOBS.indexOf(job), DESC, chunks);
  }

  private setDesc(words: readonly number[], floats: readonly (readonly [index: number, value: number])[]): void {
    this.descI32.set(words);
    for (const [index, value] of floats) this.descF32[index] = value;
  }

  /** Four words of a job's noise key at word `index`, from the caller's generator. */
  private setKey(index: number, random: FastRandom): void {
    for (let i = 0; i < 4; i++) this.descI32[index + i] = random.nextInt32();
  }
}

/** Whole rows per chunk: about CHUNK values, and few enough chunks for the chunk counter. */
function rowsPerChunk(rows: number, n: number): number {
  return Math.max(1, Math.floor(CHUNK / Math.max(1, n)), Math.ceil(rows / MAX_CHUNKS));
}
