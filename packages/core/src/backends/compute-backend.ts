import type { TileHandle, TileState } from './tile-state.js';

/**
 * Lifecycle and storage of one compute backend at one execution target. All math lives in
 * kernels (see KernelRegistry); a backend only holds tile states.
 */
export interface ComputeBackend {
  /** Registry name, e.g. `reference`, `onnx`, `gpujs`. */
  readonly name: string;
  /** Execution target within the backend, e.g. `cpu`, `cuda`, `webasm`. */
  readonly target: string;
  /** `name:target`, or just `name` when the backend has a single target. */
  readonly device: string;
  /** Whether the target is a GPU. */
  readonly isGpu: boolean;
  init(): Promise<void>;
  /** Stores a copy of `state` and returns its handle. */
  allocateTile(state: TileState): TileHandle;
  /** A copy of the tile's state. */
  readTile(handle: TileHandle): Promise<TileState>;
  /** Replaces the tile's state with a copy of `state` (same rows and cols). */
  writeTile(handle: TileHandle, state: TileState): Promise<void>;
  disposeTile(handle: TileHandle): void;
  numTiles(): number;
  dispose(): void;
}

/** Creates a backend for a target; `target` undefined means the backend's best. */
export type BackendFactory = (target?: string) => ComputeBackend | Promise<ComputeBackend>;
