import type { ParameterBase, ParameterClass } from '../parameters/parameter-base.js';

/**
 * A drift compensation plugin (aihwkit's `BaseDriftCompensation` behaviour). The tile reads out
 * its forward outputs for one-hot inputs (identity matrix, one row per physical input) once
 * after programming (the baseline) and again after each drift; `alpha = baseline / current`,
 * element by element, scales the outputs in eval mode.
 */
export interface InferenceDriftCompensation<P extends ParameterBase = ParameterBase> {
  /** Unique kebab-case name, e.g. `global`. */
  readonly kind: string;
  readonly parameterClass: ParameterClass<P>;
  /**
   * Whether the baseline readout goes through a perfect (noise-free) forward instead of the
   * tile's noisy one; later readouts always use the noisy forward.
   */
  exactReference(params: P): boolean;
  /**
   * Reduces forward outputs `outputs` ([n, out], row-major) to the reference value(s): one value
   * (one alpha for the whole tile) or `out` values (one alpha per output).
   */
  readout(params: P, outputs: Float32Array, n: number, out: number): Float32Array;
}
