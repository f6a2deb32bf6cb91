import { KernelError } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';
import { ZIGGURAT_256 } from '../random/ziggurat.js';
import { BackgroundThread } from './background-thread.js';
import { HOST_KERNELS_LOCAL_WASM_BASE64, HOST_KERNELS_WASM_BASE64 } from './host-kernels-wasm.generated.js';
import { HostThreads, MAX_CHUNKS, type CallingThreadWork, type HostJobExport } from './host-threads.js';
import { JobDescriptor } from './job-descriptor.js';
import { KernelArena } from './kernel-arena.js';

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
/** Thread t's 4 KB side area, where the normals keep the draws they finish later, at SIDE + 4096 t. */
const SIDE = BACKGROUND_DESC + 256;
const DATA = SIDE + 4096 * MAX_THREADS;
/** The most a memory may grow to (1 GiB), as declared in host-kernels.wat. */
const MAX_PAGES = 16384;
/** Values per chunk: 64 KB, so a chunk stays in cache between its passes. */
const CHUNK = 16384;

const JOBS = ['normals_chunk', 'abs_max_rows', 'dac_rows', 'adc_rows'] as const;
/** adc_rows' descriptor words: the noise key (4 words), the rows of y copied in so far. */
const ADC_KEY = 12;
const ADC_ROWS_COPIED = 18;
/** A chunk claim of noise drawn ahead (see host-kernels.wat): closed by the host before reuse. */
const CLAIM_CANCELLED = 3;
type HostJob = (typeof JOBS)[number];

/** Arrays outside the shared memory that `HostKernels.adc` copies y from and out to. */
export interface AdcCopies {
  readonly from?: Float32Array;
  readonly to?: Float32Array;
}

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
 * `HostKernels.adcNoiseAhead`): the buffer it is drawn into, the key taken from the caller's
 * generator and the chunk claims.
 */
export interface AdcNoise {
  readonly values: Float32Array;
  readonly rows: number;
  readonly n: number;
  readonly key: Int32Array;
  readonly claims: Int32Array;
}

/**
 * The host-side kernels of the backend (host-kernels.wat in WebAssembly SIMD) on two memories:
 * a shared one, where each job is split over the calling thread and `threads - 1` workers
 * (HostThreads), and the calling thread's own one (not shared), where jobs run on that thread
 * alone and onnxruntime, which refuses shared memory, can read the results in place. Arrays
 * handed to a job must live in one memory: take them from `regions` or `localRegions`; the
 * normals and the ADC run on the shared one. Normals are drawn per chunk from a key taken from
 * the caller's generator, so a tile's seed decides every number, and the numbers do not depend
 * on the number of threads.
 */
export class HostKernels {
  private readonly shared: KernelArena;
  private readonly local: KernelArena;
  private readonly localJobs: Readonly<Record<HostJob, HostJobExport>>;
  private readonly threads: HostThreads;
  private readonly background: BackgroundThread | null;
  /** The background thread's job: adc_rows' parameters for the noise it draws ahead. */
  private readonly backgroundDesc: JobDescriptor;
  /** Which chunks of an ADC's output have been copied out (see `adc`). */
  private copiedChunks = new Uint8Array(0);
  /** A noise key being written (four words from the caller's generator). */
  private readonly key = new Int32Array(4);
  /** The noise drawn ahead most recently, until the memory it touches is reused. */
  private ahead: { noise: AdcNoise; chunks: number; used: boolean } | null = null;

  /**
   * `threads` threads share each job; with `background`, the ADC's noise is drawn ahead on a
   * thread of the lowest priority (BackgroundThread) where the system allows one.
   */
  constructor(threads: number, options: { background?: boolean } = {}) {
    const module = new WebAssembly.Module(Buffer.from(HOST_KERNELS_WASM_BASE64, 'base64'));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { memory }, math: { log: Math.log } });
    const buffer = memory.buffer;
    const { kn, wn, fn } = ZIGGURAT_256;
    new Int32Array(buffer, KN_TABLE, 256).set(kn);
    new Float32Array(buffer, WN32_TABLE, 256).set(wn);
    new Float64Array(buffer, WN64_TABLE, 256).set(wn);
    new Float64Array(buffer, FN_TABLE, 256).set(fn);
    this.shared = new KernelArena(memory, DESC, DATA, MAX_PAGES);
    this.backgroundDesc = new JobDescriptor(memory, BACKGROUND_DESC);
    const workers = Math.min(MAX_THREADS - 1, Math.max(1, Math.floor(threads))) - 1;
    this.threads = new HostThreads(module, memory, JOBS.map((name) => [name, instance.exports[name] as HostJobExport] as const), workers, SCRATCH);
    this.background =
      (options.background ?? true) ? new BackgroundThread(module, memory, 'adc_noise_ahead', BACKGROUND_CONTROL, BACKGROUND_DESC, BACKGROUND_SCRATCH) : null;

    const localMemory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
    const local = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(HOST_KERNELS_LOCAL_WASM_BASE64, 'base64')), {
      env: { memory: localMemory },
      math: { log: Math.log },
    });
    this.local = new KernelArena(localMemory, DESC, DATA, MAX_PAGES);
    this.localJobs = Object.fromEntries(JOBS.map((name) => [name, local.exports[name] as HostJobExport])) as Record<HostJob, HostJobExport>;
  }

  /**
   * Float32 arrays of the given lengths in the shared memory (16-byte aligned, growing it when
   * needed). They replace the previous call's: take every array a computation needs at once.
   */
  regions<const L extends readonly number[]>(...lengths: L): { [K in keyof L]: Float32Array } {
    this.leaveAhead();
    return this.shared.regions(lengths) as { [K in keyof L]: Float32Array };
  }

  /**
   * Like `regions`, in the calling thread's own memory: jobs on these arrays run on the calling
   * thread alone, and onnxruntime reads them in place. Growing this memory detaches the arrays of
   * earlier calls.
   */
  localRegions<const L extends readonly number[]>(...lengths: L): { [K in keyof L]: Float32Array } {
    return this.local.regions(lengths) as { [K in keyof L]: Float32Array };
  }

  /** `out[i] = sigma * N(0, 1)` for any out (drawn in shared memory, then copied). */
  normals(out: Float32Array, sigma: number, random: FastRandom): void {
    const [shared] = this.regions(out.length);
    this.shared.desc.set([shared.byteOffset, out.length, 0, 0], [[2, sigma]]);
    this.setKey(4, random);
    this.run(this.shared, 'normals_chunk', Math.ceil(out.length / CHUNK));
    out.set(shared);
  }

  /** `out[r] = max_j |x[r, j]|` for the `rows` rows of n values of x. */
  absMaxRows(x: Float32Array, rows: number, n: number, out: Float32Array): void {
    const perChunk = rowsPerChunk(rows, n);
    const arena = this.arenaOf('absMaxRows', x, out);
    arena.desc.set([x.byteOffset, rows, n, perChunk, out.byteOffset], []);
    this.run(arena, 'abs_max_rows', Math.ceil(rows / perChunk));
  }

  /** The DAC stage, in float32: `v = clip(quantize(x scale[r], step), -bound, bound)` per row r. */
  dac(x: Float32Array, v: Float32Array, rows: number, n: number, scales: Float32Array, step: number, bound: number): void {
    const perChunk = rowsPerChunk(rows, n);
    const arena = this.arenaOf('dac', x, v, scales);
    arena.desc.set([x.byteOffset, v.byteOffset, rows, n, perChunk, scales.byteOffset], [[6, step], [7, bound]]);
    this.run(arena, 'dac_rows', Math.ceil(rows / perChunk));
  }

  /**
   * The ADC stage, in float32, per row r: `a = quantize(y + sigma N(0, 1), step)`, the bound
   * test `failed[r] = max(a) > bound` (max |a| with testAbs), `out = clip(a, -bound, bound) factor[r]`.
   * With `copies.from` (values outside the shared memory), y is copied from it first, while the
   * threads start (each chunk waits for its rows); with `copies.to`, out is copied to it as its
   * chunks are done (those of the calling thread at once, while the other threads work).
   * The noise comes from `noise`: the caller's generator, or noise started by `adcNoiseAhead`
   * for the same n and at least these rows (the same numbers either way: a chunk's normals do
   * not depend on how many of its rows are used). The ADC draws what the background thread has
   * not finished into out.
   */
  adc(
    y: Float32Array,
    out: Float32Array,
    rows: number,
    n: number,
    adc: AdcSettings,
    factors: Float32Array,
    failed: Int32Array,
    noise: FastRandom | AdcNoise,
    copies: AdcCopies = {},
  ): void {
    const perChunk = rowsPerChunk(rows, n);
    const chunks = Math.ceil(rows / perChunk);
    const { from, to } = copies;
    if (!this.shared.holds(y, out, factors, failed)) throw new KernelError('adc runs on the shared memory: take y, out, factors and failed from `regions`.');
    checkCopy(from, rows, n, 'into y from');
    checkCopy(to, rows, n, 'out to');
    const ahead = 'claims' in noise ? this.checkAhead(noise, rows, n) : null;
    this.shared.desc.set(
      // the key's words (12 to 15) are written below
      [
        y.byteOffset, out.byteOffset, rows, n, perChunk, 0, 0, 0, adc.testAbs ? 1 : 0, factors.byteOffset, failed.byteOffset,
        ahead ? ahead.claims.byteOffset : 0, 0, 0, 0, 0, ahead ? ahead.values.byteOffset : 0, from ? 1 : 0, 0,
      ],
      [[5, adc.sigma], [6, adc.step], [7, adc.bound]],
    );
    if (ahead) this.shared.desc.setWords(ADC_KEY, ahead.key);
    else this.setKey(ADC_KEY, noise as FastRandom);
    const copied = to && (this.copiedChunks.length >= chunks ? this.copiedChunks.fill(0, 0, chunks) : (this.copiedChunks = new Uint8Array(chunks)));
    const copyOut =
      to &&
      ((k: number) => {
        const start = k * perChunk * n;
        to.set(out.subarray(start, Math.min(rows, (k + 1) * perChunk) * n), start);
        copied![k] = 1;
      });
    this.run(this.shared, 'adc_rows', chunks, { alongside: from && (() => this.copyRows(from, y, rows, n, perChunk)), afterChunk: copyOut });
    if (copyOut) for (let k = 0; k < chunks; k++) if (!copied![k]) copyOut(k);
  }

  /**
   * Takes the noise key of an `adc` call on rows x n values from the caller's generator now, as
   * that call would, and starts drawing its noise (strength sigma) into `values` (rows x n, in
   * the shared memory) on the background thread; `claims` needs one word per 16K values. The
   * host draws whatever the thread has not finished by the time of the `adc` call, so the
   * numbers are those of an `adc` call with the generator.
   */
  adcNoiseAhead(values: Float32Array, rows: number, n: number, sigma: number, claims: Int32Array, random: FastRandom): AdcNoise {
    const chunks = Math.ceil(rows / rowsPerChunk(rows, n));
    if (claims.length < chunks) throw new KernelError(`adcNoiseAhead needs ${chunks} claim words, got ${claims.length}.`);
    if (values.length < rows * n || !this.shared.holds(values, claims)) {
      throw new KernelError(`adcNoiseAhead draws into ${rows} x ${n} values and claims in the shared memory: take them from \`regions\`.`);
    }
    this.leaveAhead();
    const key = Int32Array.from({ length: 4 }, () => random.nextInt32());
    const noise: AdcNoise = { values, rows, n, key, claims: claims.subarray(0, chunks) };
    noise.claims.fill(0);
    this.ahead = { noise, chunks, used: false };
    if (sigma > 0 && this.background?.available) {
      this.backgroundDesc.set([0, 0, rows, n, rowsPerChunk(rows, n), 0, 0, 0, 0, 0, 0, noise.claims.byteOffset, 0, 0, 0, 0, values.byteOffset], [[5, sigma]]);
      this.backgroundDesc.setWords(ADC_KEY, key);
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

  /** The pending noise drawn ahead, checked to be `noise`, for this shape, and not used before. */
  private checkAhead(noise: AdcNoise, rows: number, n: number): AdcNoise {
    const ahead = this.ahead;
    const sameChunks = rows <= noise.rows && noise.n === n && rowsPerChunk(rows, n) === rowsPerChunk(noise.rows, n);
    if (ahead?.noise !== noise || ahead.used || !sameChunks) {
      throw new KernelError(
        'adc was handed noise drawn ahead for another shape or fewer rows, already used, or whose memory was reused since; call adcNoiseAhead for this ADC first.',
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

  /** Copies `source` into y a chunk's rows at a time, telling the ADC's threads how far it got. */
  private copyRows(source: Float32Array, y: Float32Array, rows: number, n: number, perChunk: number): void {
    for (let row = 0; row < rows; ) {
      const end = Math.min(rows, row + perChunk);
      y.set(source.subarray(row * n, end * n), row * n);
      this.shared.desc.publish(ADC_ROWS_COPIED, end);
      row = end;
    }
  }

  /** The memory that holds all of a job's arrays. */
  private arenaOf(job: string, ...arrays: readonly (Float32Array | Int32Array)[]): KernelArena {
    if (this.local.holds(...arrays)) return this.local;
    if (this.shared.holds(...arrays)) return this.shared;
    throw new KernelError(`${job} needs all its arrays in one memory: take them from one call of \`regions\` or \`localRegions\`.`);
  }

  /** Runs `chunks` chunks of `job`, whose parameters are in the arena's descriptor (see HostThreads.run for `host`). */
  private run(arena: KernelArena, job: HostJob, chunks: number, host?: CallingThreadWork): void {
    if (arena === this.shared) {
      this.threads.run(JOBS.indexOf(job), DESC, chunks, host);
      return;
    }
    const run = this.localJobs[job];
    for (let k = 0; k < chunks; k++) run(DESC, k, SCRATCH);
  }

  /** Four words of a job's noise key at word `index`, from the caller's generator. */
  private setKey(index: number, random: FastRandom): void {
    for (let i = 0; i < 4; i++) this.key[i] = random.nextInt32();
    this.shared.desc.setWords(index, this.key);
  }
}

/** Refuses an array to copy y from or out to that is shorter than the ADC's rows x n values. */
function checkCopy(values: Float32Array | undefined, rows: number, n: number, direction: string): void {
  if (values && values.length < rows * n) throw new KernelError(`adc copies ${rows} x ${n} values ${direction} an array of ${values.length}.`);
}

/** Whole rows per chunk: about CHUNK values, and few enough chunks for the chunk counter. */
function rowsPerChunk(rows: number, n: number): number {
  return Math.max(1, Math.floor(CHUNK / Math.max(1, n)), Math.ceil(rows / MAX_CHUNKS));
}
