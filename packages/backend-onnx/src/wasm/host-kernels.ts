import { KernelError } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';
import { ZIGGURAT_256 } from '../random/ziggurat.js';
import { HOST_KERNELS_WASM_BASE64 } from './host-kernels-wasm.generated.js';
import { BackgroundThread } from './background-thread.js';
import { HostThreads, MAX_CHUNKS, type HostJobExport } from './host-threads.js';

/** Byte offsets of host-kernels.wat's memory layout (see the comment at its top). */
const KN_TABLE = 128;
const WN32_TABLE = 1152;
const WN64_TABLE = 2176;
const FN_TABLE = 4224;
/** The background thread's control block (after HostThreads' at 0). */
const BACKGROUND_CONTROL = 64;
/** Thread t's scratch area (a generator state) at SCRATCH + 128 t; the background thread's is the last. */
const SCRATCH = 8192;
const MAX_THREADS = 32;
const BACKGROUND_SCRATCH = SCRATCH + 128 * (MAX_THREADS - 1);
/** The parameters of the current job, then those of the background thread's job. */
const DESC = SCRATCH + 128 * MAX_THREADS;
const BACKGROUND_DESC = DESC + 256;
const DATA = BACKGROUND_DESC + 256;
const PAGE = 65536;
/** The most the shared memory may grow to (1 GiB), as declared in host-kernels.wat. */
const MAX_PAGES = 16384;
/** Values per chunk: 64 KB, so a chunk stays in cache between its passes. */
const CHUNK = 16384;

const JOBS = ['normals_chunk', 'abs_max_rows', 'dac_rows', 'adc_rows'] as const;
/** adc_rows' descriptor word where the noise key goes. */
const ADC_KEY = 12;
/** A chunk claim of noise drawn ahead (see host-kernels.wat): closed by the host before reuse. */
const CLAIM_CANCELLED = 3;
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
 * The noise of a later `adc` call, drawn ahead on the background thread where it can (see
 * `HostKernels.adcNoiseAhead`): the key taken from the caller's generator and the chunk claims.
 */
export interface AdcNoise {
  readonly out: Float32Array;
  readonly rows: number;
  readonly n: number;
  readonly key: Int32Array;
  readonly claims: Int32Array;
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
  private readonly background: BackgroundThread | null;
  private readonly backgroundDescI32: Int32Array;
  private readonly backgroundDescF32: Float32Array;
  /** The noise drawn ahead most recently, until the memory it touches is reused. */
  private ahead: { noise: AdcNoise; chunks: number; used: boolean } | null = null;

  /**
   * `threads` threads share each job; with `background`, the ADC's noise is drawn ahead on a
   * thread of the lowest priority (BackgroundThread) where the system allows one.
   */
  constructor(threads: number, options: { background?: boolean } = {}) {
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
    this.backgroundDescI32 = new Int32Array(buffer, BACKGROUND_DESC, 64);
    this.backgroundDescF32 = new Float32Array(buffer, BACKGROUND_DESC, 64);
    const workers = Math.min(MAX_THREADS - 1, Math.max(1, Math.floor(threads))) - 1;
    this.threads = new HostThreads(module, this.memory, JOBS.map((name) => [name, instance.exports[name] as HostJobExport] as const), workers, SCRATCH);
    this.background =
      (options.background ?? true) ? new BackgroundThread(module, this.memory, 'adc_noise_ahead', BACKGROUND_CONTROL, BACKGROUND_DESC, BACKGROUND_SCRATCH) : null;
  }

  /**
   * Float32 arrays of the given lengths in the shared memory (16-byte aligned, growing it when
   * needed). They replace the previous call's: take every array a computation needs at once.
   */
  regions<const L extends readonly number[]>(...lengths: L): { [K in keyof L]: Float32Array } {
    this.leaveAhead();
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
   * The noise comes from `noise`: the caller's generator, or noise started by `adcNoiseAhead`
   * for the same out, rows and n (the same numbers either way).
   */
  adc(y: Float32Array, out: Float32Array, rows: number, n: number, adc: AdcSettings, factors: Float32Array, failed: Int32Array, noise: FastRandom | AdcNoise): void {
    const perChunk = rowsPerChunk(rows, n);
    const ahead = 'claims' in noise ? this.checkAhead(noise, out, rows, n) : null;
    this.setDesc(
      [y.byteOffset, out.byteOffset, rows, n, perChunk, 0, 0, 0, adc.testAbs ? 1 : 0, factors.byteOffset, failed.byteOffset, ahead ? ahead.claims.byteOffset : 0],
      [[5, adc.sigma], [6, adc.step], [7, adc.bound]],
    );
    if (ahead) this.descI32.set(ahead.key, ADC_KEY);
    else this.setKey(ADC_KEY, noise as FastRandom);
    this.run('adc_rows', Math.ceil(rows / perChunk));
  }

  /**
   * Takes the noise key of an `adc` call on `out` (rows x n) from the caller's generator now, as
   * that call would, and starts drawing its noise (strength sigma) on the background thread;
   * `claims` needs one word per 16K values. The host draws whatever the thread has not reached
   * by the time of the `adc` call, so the numbers are those of an `adc` call with the generator.
   */
  adcNoiseAhead(out: Float32Array, rows: number, n: number, sigma: number, claims: Int32Array, random: FastRandom): AdcNoise {
    const chunks = Math.ceil(rows / rowsPerChunk(rows, n));
    if (claims.length < chunks) throw new KernelError(`adcNoiseAhead needs ${chunks} claim words, got ${claims.length}.`);
    this.leaveAhead();
    const key = new Int32Array(4);
    for (let i = 0; i < 4; i++) key[i] = random.nextInt32();
    const noise: AdcNoise = { out, rows, n, key, claims: claims.subarray(0, chunks) };
    noise.claims.fill(0);
    this.ahead = { noise, chunks, used: false };
    if (sigma > 0 && this.background?.available) {
      this.backgroundDescI32.set([0, out.byteOffset, rows, n, rowsPerChunk(rows, n), 0, 0, 0, 0, 0, 0, noise.claims.byteOffset]);
      this.backgroundDescF32[5] = sigma;
      this.backgroundDescI32.set(key, ADC_KEY);
      this.background.offer(chunks);
    }
    return noise;
  }

  /** Resolves once the worker threads are running (see HostThreads.whenReady). */
  async whenReady(): Promise<void> {
    await Promise.all([this.threads.whenReady(), this.background?.whenReady()]);
  }

  /** Whether the ADC's noise is drawn ahead on a background thread (see adcNoiseAhead). */
  get drawsAhead(): boolean {
    return this.background?.available ?? false;
  }

  /** Stops the worker threads (later jobs run on the calling thread). */
  dispose(): void {
    this.leaveAhead();
    this.background?.dispose();
    this.threads.dispose();
  }

  /** The pending noise drawn ahead, checked to be `noise` for this out and shape, and not used before. */
  private checkAhead(noise: AdcNoise, out: Float32Array, rows: number, n: number): AdcNoise {
    const ahead = this.ahead;
    if (ahead?.noise !== noise || ahead.used || noise.out.byteOffset !== out.byteOffset || noise.rows !== rows || noise.n !== n) {
      throw new KernelError(
        'adc was handed noise drawn ahead for another output, already used, or whose memory was reused since; call adcNoiseAhead for this output first.',
      );
    }
    ahead.used = true;
    return noise;
  }

  /** Closes the noise drawn ahead and waits for the background thread to leave it, before its memory is reused. */
  private leaveAhead(): void {
    const ahead = this.ahead;
    if (!ahead) return;
    this.ahead = null;
    const cancel = () => {
      for (let k = 0; k < ahead.chunks; k++) Atomics.compareExchange(ahead.noise.claims, k, 0, CLAIM_CANCELLED);
    };
    if (this.background) this.background.leave(cancel);
    else cancel();
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
