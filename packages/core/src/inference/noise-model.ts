import type { ParameterBase, ParameterClass } from '../parameters/parameter-base.js';
import type { RandomSource } from '../random/random-source.js';

/**
 * What programming leaves behind, all arrays of rows * cols (row-major): the programmed weights
 * under `weights`, plus whatever the model needs to drift them later (e.g. one drift exponent
 * per device of each conductance slice: `nu_0`, `nu_1`, ...). Drawn once per programming, so a
 * device keeps its drift exponent over all later drift calls.
 */
export type ProgrammedState = { weights: Float32Array } & Record<string, Float32Array>;

/**
 * An inference noise model plugin (aihwkit's `BaseNoiseModel` behaviour): programs the weights
 * of a tile once, then produces the weights at any inference time from that programmed state.
 * Weights are the tile's physical weights (analog bias column included).
 */
export interface InferenceNoiseModel<P extends ParameterBase = ParameterBase> {
  /** Unique kebab-case name, e.g. `pcm-like`. */
  readonly kind: string;
  /** The parameter class it implements (its `className` is aihwkit's class name). */
  readonly parameterClass: ParameterClass<P>;
  /** Further parameter classes that may appear nested in its parameters (converters, tables), for JSON. */
  readonly nestedParameterClasses?: readonly ParameterClass[];
  /** Programming noise on `weights` (rows * cols) and the per-device quantities drawn with it. */
  program(params: P, weights: Float32Array, rows: number, cols: number, rng: RandomSource): ProgrammedState;
  /**
   * The weights at `tInference` seconds after programming ended (absolute, not a step): drift of
   * the programmed state plus freshly drawn read noise. `programmed` is read only.
   */
  applyDrift(params: P, programmed: ProgrammedState, tInference: number, rng: RandomSource): Float32Array;
}
