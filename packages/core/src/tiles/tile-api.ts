import type { Tensor } from '../tensor/tensor.js';

/** Options of a tile at creation. */
export interface TileOptions {
  /** An analog bias column: the tile has inSize + 1 physical columns and x gets a 1 appended. */
  bias?: boolean;
  /** Input given transposed ([in, batch] instead of [batch, in]). */
  inTrans?: boolean;
  /** Output wanted transposed ([out, batch]). */
  outTrans?: boolean;
  /** Seed of the tile's own random source (defaults to one drawn from the runtime's source). */
  seed?: number;
  /** Backend (and target) to place the tile on, e.g. `reference` or `onnx:cpu`. */
  backend?: string;
}

/** The weights as the user sees them: `[out, in]` and the analog bias (when the tile has one). */
export type WeightsAndBias = [weights: Tensor, bias: Tensor | null];

/**
 * What the rest of analogkit (AnalogContext, nn, optimizers) needs from any tile. The full tile
 * classes (AnalogTile, InferenceTile, FloatingPointTile) implement it.
 */
export interface SimulatorTile {
  readonly outSize: number;
  readonly inSize: number;
  /** Whether the tile has an analog bias column. */
  readonly analogBias: boolean;
  /** Backend and execution target, e.g. `reference`, `onnx:cpu`. */
  readonly device: string;
  readonly isCuda: boolean;
  getWeights(): Promise<WeightsAndBias>;
  to(device: string): Promise<this>;
  cuda(): Promise<this>;
}
