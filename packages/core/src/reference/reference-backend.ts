import { TileStateError } from '../errors.js';
import type { HostStateBackend } from '../kernels/kernel-executor.js';
import { checkTileWeights, checkTileWrite, cloneTileState, type TileHandle, type TileState } from '../backends/tile-state.js';

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
    checkTileWeights(state);
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
    checkTileWrite(handle, this.stateOf(handle), state);
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
