import { ShapeError } from '../errors.js';

/**
 * The state of one tile as the kernels see it. `rows` is the output size, `cols` the input size
 * (plus one when the tile has an analog bias column); all arrays are row-major.
 */
export interface TileState {
  readonly rows: number;
  readonly cols: number;
  /** The (visible) weights, rows * cols. */
  weights: Float32Array;
  /** Per-device hidden parameters drawn once by the device model (max_bound, dwmin_up, ...). */
  hidden: Record<string, Float32Array>;
  /**
   * Tile-level kernel state: forward/backward parameters drawn once (`forward.out_noise_values`),
   * drift clocks (`drift.*`), the noise-management running value (`nm.avg_abs_max`), ...
   */
  aux: Record<string, Float32Array>;
}

/** Opaque reference to a tile's state held by a backend. */
export interface TileHandle {
  readonly id: number;
  readonly rows: number;
  readonly cols: number;
}

export function cloneTileState(state: TileState): TileState {
  return {
    rows: state.rows,
    cols: state.cols,
    weights: state.weights.slice(),
    hidden: cloneArrays(state.hidden),
    aux: cloneArrays(state.aux),
  };
}

export function cloneArrays(arrays: Record<string, Float32Array>): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(arrays)) out[k] = v.slice();
  return out;
}

export function emptyTileState(rows: number, cols: number): TileState {
  return { rows, cols, weights: new Float32Array(rows * cols), hidden: {}, aux: {} };
}

/** Throws a ShapeError unless the weights of `state` hold rows x cols values. */
export function checkTileWeights(state: TileState): void {
  if (state.weights.length !== state.rows * state.cols) {
    throw new ShapeError(`Tile weights have ${state.weights.length} entries, expected ${state.rows}x${state.cols}.`);
  }
}

/**
 * Checks a state written over the tile `handle` whose state is `current`: the same shape and
 * weights that fit it. `where` (" on webgl") follows the tile id in the message.
 */
export function checkTileWrite(handle: TileHandle, current: TileState, state: TileState, where = ''): void {
  if (state.rows !== current.rows || state.cols !== current.cols) {
    throw new ShapeError(`Tile state is ${state.rows}x${state.cols} but tile ${handle.id}${where} is ${current.rows}x${current.cols}.`);
  }
  checkTileWeights(state);
}
