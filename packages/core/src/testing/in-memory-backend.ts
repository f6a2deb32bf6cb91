import { ShapeError, TileStateError } from '../errors.js';
import type { ComputeBackend } from '../backends/compute-backend.js';
import { cloneTileState, type TileHandle, type TileState } from '../backends/tile-state.js';

/**
 * A minimal backend for tests: states in host memory behind read/write copies (so kernels it
 * lacks go through the read-compute-write fallback), with an optional failing init.
 */
export class InMemoryBackend implements ComputeBackend {
  readonly isGpu: boolean;
  readonly device: string;
  initCalls = 0;
  private readonly tiles = new Map<number, TileState>();
  private nextId = 1;

  constructor(
    readonly name: string,
    readonly target = 'cpu',
    private readonly options: { failInit?: string; isGpu?: boolean } = {},
  ) {
    this.isGpu = options.isGpu ?? false;
    this.device = `${name}:${target}`;
  }

  async init(): Promise<void> {
    this.initCalls++;
    if (this.options.failInit) throw new Error(this.options.failInit);
  }

  allocateTile(state: TileState): TileHandle {
    const id = this.nextId++;
    this.tiles.set(id, cloneTileState(state));
    return { id, rows: state.rows, cols: state.cols };
  }

  async readTile(handle: TileHandle): Promise<TileState> {
    return cloneTileState(this.get(handle));
  }

  async writeTile(handle: TileHandle, state: TileState): Promise<void> {
    const cur = this.get(handle);
    if (cur.rows !== state.rows || cur.cols !== state.cols) throw new ShapeError('Tile state shape changed.');
    this.tiles.set(handle.id, cloneTileState(state));
  }

  disposeTile(handle: TileHandle): void {
    this.tiles.delete(handle.id);
  }

  numTiles(): number {
    return this.tiles.size;
  }

  dispose(): void {
    this.tiles.clear();
  }

  private get(handle: TileHandle): TileState {
    const s = this.tiles.get(handle.id);
    if (!s) throw new TileStateError(`Tile ${handle.id} is not allocated on ${this.device}.`);
    return s;
  }
}
