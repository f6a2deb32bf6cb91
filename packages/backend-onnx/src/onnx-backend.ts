import {
  BackendUnavailableError,
  checkTileWeights,
  checkTileWrite,
  cloneTileState,
  KernelError,
  TileStateError,
  type ComputeBackend,
  type HostStateBackend,
  type KernelRegistry,
  type TileHandle,
  type TileState,
} from '@analogkit/core';
import { availableParallelism } from 'node:os';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { GraphBuilder } from './graph/graph-builder.js';
import { missingProvider, ONNX_GPU_TARGETS, providerFailureHint, type OnnxTarget } from './runtime/execution-providers.js';
import { loadOnnxRuntime, type OrtLoader, type OrtModule } from './runtime/ort-loader.js';
import { HostKernels } from './wasm/host-kernels.js';

/** The registry name of the backend. */
export const ONNX_BACKEND_NAME = 'onnx';

export interface OnnxBackendSettings {
  /** Loads onnxruntime-node (default: import it). */
  loader?: OrtLoader;
  /** Threads per session and for the host kernels (default: the available parallelism of this machine). */
  intraOpNumThreads?: number;
  /**
   * Run the DAC and ADC stages of MVMs on the host kernels (WebAssembly SIMD on the host's
   * threads) around a bare MAC graph, where the IO settings allow (default: on the cpu target;
   * GPU targets keep every stage in the graph, on the device).
   */
  hostStages?: boolean;
}

/** A tile on the backend: its state in host memory, which onnxruntime reads without copying. */
interface TileEntry {
  state: TileState;
  /** A second weights buffer the update graph writes into; then the two are swapped. */
  spare: Float32Array | null;
}

/**
 * The onnxruntime-node backend at one execution target (`onnx:cpu`, `onnx:cuda`, `onnx:webgpu`).
 * Tile states stay in host typed arrays (so the reference fallback kernels run on them in place);
 * the native kernels feed them to cached sessions as zero-copy tensors. Sessions are built once
 * per graph key (kernel, tile shape, configuration) and released by `dispose()`.
 */
export class OnnxBackend implements HostStateBackend {
  readonly name = ONNX_BACKEND_NAME;
  readonly device: string;
  readonly isGpu: boolean;
  /** See OnnxBackendSettings.hostStages. */
  readonly hostStages: boolean;
  private ortModule: OrtModule | null = null;
  private initialising: Promise<void> | null = null;
  private readonly tiles = new Map<number, TileEntry>();
  private readonly sessions = new Map<string, Promise<InferenceSession>>();
  private readonly tensors = new WeakMap<Float32Array, Tensor>();
  private readonly scratchBuffers = new Map<string, Float32Array>();
  private readonly masks = new Map<string, Uint8Array>();
  private readonly maskTensors = new WeakMap<Uint8Array, Tensor>();
  private host: HostKernels | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(
    readonly target: OnnxTarget,
    /** The kernel registry, for the reference kernels the native ones fall back to. */
    readonly kernels: KernelRegistry,
    private readonly settings: OnnxBackendSettings = {},
  ) {
    this.device = `onnx:${target}`;
    this.isGpu = ONNX_GPU_TARGETS.includes(target);
    this.hostStages = settings.hostStages ?? target === 'cpu';
  }

  /** Loads onnxruntime-node and checks the execution provider with a probe session (once). */
  init(): Promise<void> {
    return (this.initialising ??= this.start());
  }

  get ort(): OrtModule {
    if (!this.ortModule) throw new KernelError(`The ${this.device} backend is used before init(); resolve it through the runtime.`);
    return this.ortModule;
  }

  allocateTile(state: TileState): TileHandle {
    checkTileWeights(state);
    const id = this.nextId++;
    this.tiles.set(id, { state: cloneTileState(state), spare: null });
    return { id, rows: state.rows, cols: state.cols };
  }

  stateOf(handle: TileHandle): TileState {
    return this.entry(handle).state;
  }

  async readTile(handle: TileHandle): Promise<TileState> {
    return cloneTileState(this.stateOf(handle));
  }

  async writeTile(handle: TileHandle, state: TileState): Promise<void> {
    const entry = this.entry(handle);
    checkTileWrite(handle, entry.state, state);
    entry.state = cloneTileState(state);
  }

  disposeTile(handle: TileHandle): void {
    this.tiles.delete(handle.id);
  }

  numTiles(): number {
    return this.tiles.size;
  }

  /** Drops every tile and work buffer and releases every session. */
  dispose(): void {
    this.tiles.clear();
    this.scratchBuffers.clear();
    this.masks.clear();
    this.host?.dispose();
    this.host = null;
    for (const session of this.sessions.values()) session.then((s) => s.release()).catch(() => {});
    this.sessions.clear();
  }

  /** The number of cached sessions (tests check that graphs are built once). */
  numSessions(): number {
    return this.sessions.size;
  }

  /** The session of a graph, built by `build` the first time `key` is seen. */
  session(key: string, build: () => Uint8Array): Promise<InferenceSession> {
    let session = this.sessions.get(key);
    if (!session) {
      session = this.createSession(build());
      this.sessions.set(key, session);
      session.catch(() => this.sessions.delete(key));
    }
    return session;
  }

  /** A float32 tensor over `data` without copying it; cached per array, so reused across calls. */
  tensor(data: Float32Array, dims: readonly number[]): Tensor {
    const cached = this.tensors.get(data);
    if (cached && sameDims(cached.dims, dims)) return cached;
    const tensor = new this.ort.Tensor('float32', data, dims);
    this.tensors.set(data, tensor);
    return tensor;
  }

  /**
   * Runs native kernel work one call at a time, so the scratch buffers and the weight buffers a
   * call hands to onnxruntime are not touched by another call in between.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  /**
   * A reusable work buffer of exactly `length` floats for the graph input `name` (noise, gathered
   * samples, pulse trains), kept across calls; only valid inside `exclusive`.
   */
  scratch(name: string, length: number): Float32Array {
    return reuse(this.scratchBuffers, name, length, () => new Float32Array(length));
  }

  /**
   * The host kernels (noise, DAC and ADC stages) with their worker threads (made on first use,
   * as many threads as the sessions have); only valid inside `exclusive`.
   */
  hostKernels(): HostKernels {
    return (this.host ??= new HostKernels(this.threads()));
  }

  /** A reusable boolean output buffer of `length` flags, like `scratch`. */
  mask(name: string, length: number): Uint8Array {
    return reuse(this.masks, name, length, () => new Uint8Array(length));
  }

  /** A bool tensor over `mask` (for pre-allocated boolean outputs). */
  maskTensor(mask: Uint8Array, dims: readonly number[]): Tensor {
    let tensor = this.maskTensors.get(mask);
    if (!tensor || !sameDims(tensor.dims, dims)) {
      tensor = new this.ort.Tensor('bool', mask, dims);
      this.maskTensors.set(mask, tensor);
    }
    return tensor;
  }

  /** The buffer the next weight update is written into (same size as the weights). */
  spareWeights(handle: TileHandle): Float32Array {
    const entry = this.entry(handle);
    if (!entry.spare || entry.spare.length !== entry.state.weights.length) entry.spare = new Float32Array(entry.state.weights.length);
    return entry.spare;
  }

  /** Makes the spare buffer (now holding the updated weights) the tile's weights. */
  swapWeights(handle: TileHandle): void {
    const entry = this.entry(handle);
    if (!entry.spare) throw new KernelError(`Tile ${handle.id} has no updated weights to swap in.`);
    const previous = entry.state.weights;
    entry.state.weights = entry.spare;
    entry.spare = previous;
  }

  private entry(handle: TileHandle): TileEntry {
    const entry = this.tiles.get(handle.id);
    if (!entry) throw new TileStateError(`Tile ${handle.id} is not allocated on ${this.device} (disposed or moved).`);
    return entry;
  }

  private threads(): number {
    return this.settings.intraOpNumThreads ?? defaultThreads();
  }

  private createSession(model: Uint8Array): Promise<InferenceSession> {
    return this.ort.InferenceSession.create(model, {
      executionProviders: [this.target],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: this.threads(),
      logSeverityLevel: 3,
      extra: NO_SPINNING,
    });
  }

  private async start(): Promise<void> {
    let ort: OrtModule;
    try {
      ort = await (this.settings.loader ?? loadOnnxRuntime)();
    } catch (err) {
      throw new BackendUnavailableError(
        `onnxruntime-node could not be loaded (${messageOf(err)}). Install it with \`npm install onnxruntime-node@1.30.0\` (prebuilt for linux, macOS and Windows on x64/arm64), or use another backend.`,
      );
    }
    const missing = missingProvider(ort, this.target);
    if (missing) throw new BackendUnavailableError(`${this.device} is not available: ${missing}`);
    this.ortModule = ort;
    try {
      const probe = await this.createSession(probeModel());
      const x = new ort.Tensor('float32', Float32Array.of(1, 2), [2]);
      const { y } = await probe.run({ x });
      await probe.release();
      if (!y || (y.data as Float32Array)[1] !== 4) throw new Error('the probe graph returned a wrong result');
    } catch (err) {
      this.ortModule = null;
      throw new BackendUnavailableError(`${this.device} is not available: the ${this.target} execution provider failed to start (${firstLine(err)}). ${providerFailureHint(this.target)}`);
    }
  }
}

/** The backend a native kernel was handed, checked to be an onnx one. */
export function asOnnxBackend(backend: ComputeBackend): OnnxBackend {
  if (backend instanceof OnnxBackend) return backend;
  throw new KernelError(`An onnx kernel was called with the ${backend.device} backend; onnx kernels run only on OnnxBackend.`);
}

/**
 * Idle onnxruntime threads must not spin: every session has its own thread pool, and threads
 * spinning after one kernel's run slow down the next kernel's session (and the host work
 * between runs) on the same cores.
 */
export const NO_SPINNING = { session: { intra_op: { allow_spinning: '0' } } };

/** The buffer kept under `name:length`, made by `create` the first time. */
function reuse<T>(pool: Map<string, T>, name: string, length: number, create: () => T): T {
  const key = `${name}:${length}`;
  let buffer = pool.get(key);
  if (buffer === undefined) {
    if (pool.size >= MAX_SCRATCH_BUFFERS) pool.clear();
    buffer = create();
    pool.set(key, buffer);
  }
  return buffer;
}

/** Work buffers kept at most (distinct input names and batch sizes); beyond it the pool starts over. */
const MAX_SCRATCH_BUFFERS = 64;

/** `y = x + x`: runs once on the target to prove its provider works. */
function probeModel(): Uint8Array {
  const g = new GraphBuilder('probe');
  const x = g.input('x', [2]);
  g.output('y', g.op('Add', [x, x]), [2]);
  return g.build();
}

function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function firstLine(err: unknown): string {
  return messageOf(err).split('\n')[0]!.trim();
}
