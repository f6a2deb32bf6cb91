import { ShapeError, TileStateError } from '../errors.js';
import type { HostStateBackend } from '../kernels/kernel-executor.js';
import { cloneTileState, type TileHandle, type TileState } from '../backends/tile-state.js';

/** The pure-TypeScript backend: tile states are plain typed arrays in host memory. */
export class ReferenceBackend implements HostStateBackend {
  readonly name = 'reference';
  readonly target = 'cpu';
  readonly device = 'reference';
  readonly isGpu = false;
  private readonly tiles = new Map<number, TileState>();
  private nextId = 1;

  async init(): Promise<void> {}

  allocateTile(state: TileState): TileHandle {
    checkState(state);
    const id = this.nextId++;
    this.tiles.set(id, cloneTileState(state));
    return { id, rows: state.rows, cols: state.cols };
  }

  stateOf(handle: TileHandle): TileState {
    const state = this.tiles.get(handle.id);
    if (!state) throw new TileStateError(`Tile ${handle.id} is not allocated on the reference backend (disposed or moved).`);
    return state;
  }

  async readTile(handle: TileHandle): Promise<TileState> {
    return cloneTileState(this.stateOf(handle));
  }

  async writeTile(handle: TileHandle, state: TileState): Promise<void> {
    const current = this.stateOf(handle);
    if (state.rows !== current.rows || state.cols !== current.cols) {
      throw new ShapeError(`Tile state is ${state.rows}x${state.cols} but tile ${handle.id} is ${current.rows}x${current.cols}.`);
    }
    checkState(state);
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
}

function checkState(state: TileState): void {
  if (state.weights.length !== state.rows * state.cols) {
    throw new ShapeError(`Tile weights have ${state.weights.length} entries, expected ${state.rows}x${state.cols}.`);
  }
}
