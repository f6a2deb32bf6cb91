import {
  ConfigError,
  type BaseConductanceConverter,
  type BaseNoiseModel,
  type InferenceNoiseModel,
  type ParameterClass,
  type ProgrammedState,
  type RandomSource,
} from '@analogkit/core';
import { DualPairConductanceConverter } from '../parameters/dual-pair-conductance-converter.js';
import { converterFor } from '../converters/converter-for.js';

/**
 * The per-device physics of a noise model that works on conductances (aihwkit's
 * apply_programming_noise_to_conductance, generate_drift_coefficients and
 * apply_drift_noise_to_conductance), in µS and seconds.
 */
export interface ConductanceNoise<P extends BaseNoiseModel> {
  converter(params: P): BaseConductanceConverter;
  /** First reading time t_0 of the drift. */
  t0(params: P): number;
  /** t_read of the 1/f noise. */
  tRead(params: P): number;
  /** Std of the programming noise at target conductance gTarget (scales included). */
  programmingStd(params: P, gTarget: number): number;
  /** Draws the drift exponent of a device programmed to gTarget (scales included). */
  driftExponent(params: P, gTarget: number, rng: RandomSource): number;
  /**
   * Std of the read noise of a device with conductance gProg (at programming) drifted to gDrift;
   * `oneOverF` is `sqrt(ln((t + t_read) / (2 t_read)))`.
   */
  readStd(params: P, gProg: number, gDrift: number, oneOverF: number): number;
}

const nuKey = (slice: number): string => `nu_${slice}`;

/**
 * Programs weights: to conductances, `g = max(g_T + σ(g_T)·ξ, 0)` on every device (the partner at
 * g_min included), one drift exponent per device from its target, and back to weights.
 * The state holds the programmed weights and `nu_<slice>` per conductance slice.
 */
export function programConductances<P extends BaseNoiseModel>(noise: ConductanceNoise<P>, params: P, weights: Float32Array, rng: RandomSource): ProgrammedState {
  const converterParams = noise.converter(params);
  const converter = converterFor(converterParams);
  const { slices, scale } = converter.toConductances(converterParams, weights);
  const state: Record<string, Float32Array> = {};
  const programmed = slices.map((target, slice) => {
    const g = new Float64Array(target.length);
    const nu = new Float32Array(target.length);
    for (let k = 0; k < g.length; k++) {
      const gT = target[k]!;
      g[k] = Math.max(gT + noise.programmingStd(params, gT) * rng.normal(), 0);
      nu[k] = noise.driftExponent(params, gT, rng);
    }
    state[nuKey(slice)] = nu;
    return g;
  });
  return { ...state, weights: converter.toWeights(converterParams, programmed, scale) };
}

/**
 * The weights at t_inference seconds after programming. The programmed weights are converted to
 * conductances again (the scale re-derived from max|programmed W|, as aihwkit does), then per
 * device with t = t_inference + t_0: `g_d = g·(t/t_0)^-ν` when t > t_0, and
 * `max(g_d + σ_read·ξ, 0)` with fresh read noise.
 */
export function driftConductances<P extends BaseNoiseModel>(
  noise: ConductanceNoise<P>,
  params: P,
  programmed: ProgrammedState,
  tInference: number,
  rng: RandomSource,
): Float32Array {
  const converterParams = noise.converter(params);
  const converter = converterFor(converterParams);
  const { slices, scale } = converter.toConductances(converterParams, programmed.weights);
  const t0 = noise.t0(params);
  const tRead = noise.tRead(params);
  const t = tInference + t0;
  const ratio = t / t0;
  const oneOverF = Math.sqrt(Math.max(Math.log((t + tRead) / (2 * tRead)), 0));
  const drifted = slices.map((g, slice) => {
    const nu = programmed[nuKey(slice)];
    if (!nu || nu.length !== g.length) {
      throw new ConfigError(
        `The programmed state has no drift exponents "${nuKey(slice)}" for conductance slice ${slice}; the converter changed since programming. Program the weights again.`,
        'g_converter',
      );
    }
    const out = new Float64Array(g.length);
    for (let k = 0; k < g.length; k++) {
      const gProg = g[k]!;
      const gDrift = t > t0 ? gProg * Math.pow(ratio, -nu[k]!) : gProg;
      out[k] = Math.max(gDrift + noise.readStd(params, gProg, gDrift, oneOverF) * rng.normal(), 0);
    }
    return out;
  });
  return converter.toWeights(converterParams, drifted, scale);
}

/** A noise model plugin made of per-device conductance physics, through the converter of its parameters. */
export abstract class ConductanceNoiseModelPlugin<P extends BaseNoiseModel> implements InferenceNoiseModel<P> {
  readonly nestedParameterClasses: readonly ParameterClass[];

  /** `nested`: parameter classes its parameters may hold besides the converters. */
  protected constructor(
    readonly kind: string,
    readonly parameterClass: ParameterClass<P>,
    private readonly noise: ConductanceNoise<P>,
    nested: readonly ParameterClass[] = [],
  ) {
    this.nestedParameterClasses = [...nested, DualPairConductanceConverter];
  }

  program(params: P, weights: Float32Array, _rows: number, _cols: number, rng: RandomSource): ProgrammedState {
    return programConductances(this.noise, params, weights, rng);
  }

  applyDrift(params: P, programmed: ProgrammedState, tInference: number, rng: RandomSource): Float32Array {
    return driftConductances(this.noise, params, programmed, tInference, rng);
  }
}
