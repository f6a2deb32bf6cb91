import type { BaseConductanceConverter, ParameterClass } from '@analogkit/core';

/** Weights mapped to conductances: one array per device of the unit cell, and the µS per weight unit. */
export interface Conductances {
  /** Conductances in µS, one array of the weights' length per device slice (g+, g-, ...). */
  slices: Float64Array[];
  /** µS per weight unit, derived from max|W| at conversion time. */
  scale: number;
}

/** The behaviour of one conductance converter parameter class. */
export interface ConductanceConverter<P extends BaseConductanceConverter = BaseConductanceConverter> {
  readonly parameterClass: ParameterClass<P>;
  toConductances(params: P, weights: Float32Array): Conductances;
  /** Back to weights: inverts toConductances for unperturbed conductances. */
  toWeights(params: P, slices: readonly Float64Array[], scale: number): Float32Array;
}

/** aihwkit's floor on max|W| when deriving the conductance scale (an all-zero matrix stays finite). */
export const ZERO_CLIP = 1e-7;

export function absMax(weights: Float32Array): number {
  let m = 0;
  for (let k = 0; k < weights.length; k++) m = Math.max(m, Math.abs(weights[k]!));
  return m;
}
