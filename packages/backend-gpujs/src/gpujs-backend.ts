import {
  BackendUnavailableError,
  checkTileWeights,
  checkTileWrite,
  cloneTileState,
  KernelError,
  ShapeError,
  TileStateError,
  type ComputeBackend,
  type KernelName,
  type TileHandle,
  type TileState,
} from '@analogkit/core';
import { GPU, type IGPUKernelSettings, type IKernelRunShortcut, type KernelFunction } from 'gpu.js';
import { KernelCache } from './kernel-cache.js';
import { FLOAT_INDEX_LIMIT } from './run-flat-kernel.js';
import { GPUJS_GPU_MODES, gpuJsModeAvailability, gpuJsPrecision, resolveGpuJsMode, type GpuJsMode, type GpuJsPrecision } from './gpujs-modes.js';

export interface GpuJsBackendOptions {
  /** The gpu.js mode; default: what gpu.js picks on this machine. */
  mode?: GpuJsMode;
  /**
   * Run kernels under gpu.js's async contract (default true): in webasm mode large kernels then
   * split across a worker pool; the results are the same either way.
   */
  threads?: boolean;
  /** Largest webasm worker pool (default: gpu.js's, the number of cores). */
  poolSize?: number;
}

/** The registry name of the gpu.js backend. */
export const GPUJS_BACKEND_NAME = 'gpujs';

/** gpu.js kernel settings, with `loopMaxIterations` (supported by gpu.js, missing from its typings). */
export type GpuJsKernelSettings = IGPUKernelSettings & { loopMaxIterations?: number };

/** How often each kernel ran natively and how often it went to the reference kernel. */
export interface GpuJsKernelRuns {
  native: Partial<Record<KernelName, number>>;
  reference: Partial<Record<KernelName, number>>;
}

/**
 * The gpu.js compute backend. Tile states live in host memory as the kernels' source of truth;
 * the math runs in gpu.js kernels, compiled once per tile shape and variant and destroyed with
 * the last tile of that shape. Device: `gpujs:<mode>`.
 */
export class GpuJsBackend implements ComputeBackend {
  readonly name = GPUJS_BACKEND_NAME;
  readonly target: GpuJsMode;
  readonly device: string;
  readonly isGpu: boolean;
  readonly precision: GpuJsPrecision;
  private gpu: GPU | null = null;
  private readonly tiles = new Map<number, TileState>();
  private readonly shapeUsers = new Map<string, number>();
  private readonly kernels = new KernelCache();
  private readonly runs: GpuJsKernelRuns = { native: {}, reference: {} };
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GpuJsBackendOptions = {}) {
    this.target = options.mode ?? resolveGpuJsMode(undefined);
    this.device = `gpujs:${this.target}`;
    this.isGpu = GPUJS_GPU_MODES.includes(this.target);
    this.precision = gpuJsPrecision(this.target);
  }

  async init(): Promise<void> {
    if (this.gpu) return;
    const available = await gpuJsModeAvailability(this.target);
    if (available !== true) throw new BackendUnavailableError(`${this.device} is not available: ${available}.`);
    try {
      this.gpu = new GPU({ mode: this.target });
    } catch (err) {
      throw new BackendUnavailableError(`${this.device} could not start gpu.js: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }

  allocateTile(state: TileState): TileHandle {
    checkState(state);
    const id = this.nextId++;
    this.tiles.set(id, cloneTileState(state));
    const shape = shapeKey(state.rows, state.cols);
    this.shapeUsers.set(shape, (this.shapeUsers.get(shape) ?? 0) + 1);
    return { id, rows: state.rows, cols: state.cols };
  }

  async readTile(handle: TileHandle): Promise<TileState> {
    return cloneTileState(this.tileState(handle));
  }

  async writeTile(handle: TileHandle, state: TileState): Promise<void> {
    // Same shape as an allocated tile: within the index limit that allocateTile checked.
    checkTileWrite(handle, this.tileState(handle), state, ` on ${this.device}`);
    this.tiles.set(handle.id, cloneTileState(state));
  }

  disposeTile(handle: TileHandle): void {
    const state = this.tiles.get(handle.id);
    if (!state) return;
    this.tiles.delete(handle.id);
    const shape = shapeKey(state.rows, state.cols);
    const users = (this.shapeUsers.get(shape) ?? 1) - 1;
    if (users > 0) {
      this.shapeUsers.set(shape, users);
    } else {
      this.shapeUsers.delete(shape);
      this.kernels.destroyShape(shape);
    }
  }

  numTiles(): number {
    return this.tiles.size;
  }

  /** Compiled gpu.js kernels currently held (0 once every tile is disposed). */
  numKernels(): number {
    return this.kernels.size();
  }

  /** Native and reference runs per kernel since the backend was created. */
  kernelRuns(): GpuJsKernelRuns {
    return { native: { ...this.runs.native }, reference: { ...this.runs.reference } };
  }

  dispose(): void {
    this.kernels.destroyAll();
    this.tiles.clear();
    this.shapeUsers.clear();
    const gpu = this.gpu;
    this.gpu = null;
    // Teardown: a failure to release gpu.js resources leaves nothing for the caller to do.
    if (gpu) gpu.destroy().catch(() => undefined);
  }

  // ---- for the native kernels ------------------------------------------------------------

  /** The tile's state itself (not a copy): native kernels update it in place. */
  tileState(handle: TileHandle): TileState {
    const state = this.tiles.get(handle.id);
    if (!state) throw new TileStateError(`Tile ${handle.id} is not allocated on ${this.device} (disposed or moved).`);
    return state;
  }

  /**
   * The compiled kernel `variant` for tiles of `rows x cols`, built on first use. Outputs and
   * argument sizes are dynamic (batch sizes vary); `setOutput` before each call.
   */
  kernel(rows: number, cols: number, variant: string, source: KernelFunction, settings: GpuJsKernelSettings): IKernelRunShortcut {
    const gpu = this.gpu;
    if (!gpu) throw new KernelError(`${this.device} is not initialised (or was disposed); resolve it through the runtime first.`);
    return this.kernels.get(shapeKey(rows, cols), variant, () =>
      gpu.createKernel(source, {
        dynamicOutput: true,
        dynamicArguments: true,
        tactic: 'precision',
        precision: 'single',
        asyncMode: this.options.threads ?? true,
        ...(this.options.poolSize !== undefined ? { poolSize: this.options.poolSize } : {}),
        ...settings,
      } as IGPUKernelSettings),
    );
  }

  /**
   * Runs native kernel calls one at a time: tiles of one shape share compiled kernels, whose
   * output size is set per call, and a kernel call may update its tile's state in place.
   */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  countRun(kernel: KernelName, path: 'native' | 'reference'): void {
    this.runs[path][kernel] = (this.runs[path][kernel] ?? 0) + 1;
  }
}

function shapeKey(rows: number, cols: number): string {
  return `${rows}x${cols}`;
}

function checkState(state: TileState): void {
  checkTileWeights(state);
  if (state.weights.length > FLOAT_INDEX_LIMIT) {
    throw new ShapeError(
      `A ${state.rows}x${state.cols} tile has more than 2^24 devices, which gpu.js kernels cannot index exactly; split the layer into smaller tiles (MappingParameter max_input_size / max_output_size).`,
    );
  }
}
