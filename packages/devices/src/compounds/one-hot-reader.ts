import { backwardMvmReference, forwardMvmReference, type IOParameters, type RandomSource, type TileState } from '@analogkit/core';
import { commitPrefixedAux, prefixedAux } from './aux-state.js';

/**
 * Reads single columns (forward MVM with a one-hot input) or rows (backward MVM) of a device's
 * weights through the reference analog MVM with the compound's read parameters. The MVM
 * quantities drawn once per tile (output-noise strengths, offsets, ...) persist in the compound's
 * aux under `auxPrefix`; call `commit` to store new ones.
 */
export class OneHotReader {
  private readonly aux: Record<string, Float32Array>;
  private readonly xHot: Float32Array;
  private readonly dHot: Float32Array;

  constructor(
    private readonly state: TileState,
    private readonly auxPrefix: string,
    private readonly io: IOParameters,
    private readonly rng: RandomSource,
  ) {
    this.aux = prefixedAux(state, auxPrefix);
    this.xHot = new Float32Array(state.cols);
    this.dHot = new Float32Array(state.rows);
  }

  /** Column `j` of `weights` (rows values), i.e. `W e_j`. */
  readColumn(weights: Float32Array, j: number): Float32Array {
    this.xHot[j] = 1;
    const y = forwardMvmReference.run(this.readState(weights), { x: this.xHot, batch: 1 }, { io: this.io, rng: this.rng });
    this.xHot[j] = 0;
    return y;
  }

  /** Row `i` of `weights` (cols values), i.e. `W^T e_i`. */
  readRow(weights: Float32Array, i: number): Float32Array {
    this.dHot[i] = 1;
    const z = backwardMvmReference.run(this.readState(weights), { d: this.dHot, batch: 1 }, { io: this.io, rng: this.rng });
    this.dHot[i] = 0;
    return z;
  }

  commit(): void {
    commitPrefixedAux(this.state, this.auxPrefix, this.aux);
  }

  private readState(weights: Float32Array): TileState {
    return { rows: this.state.rows, cols: this.state.cols, weights, hidden: {}, aux: this.aux };
  }
}

/** A one-hot vector of `size` with the 1 at `index`. */
export function oneHot(size: number, index: number): Float32Array {
  const v = new Float32Array(size);
  v[index] = 1;
  return v;
}
