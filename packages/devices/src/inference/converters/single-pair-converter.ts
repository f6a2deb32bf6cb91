import { SinglePairConductanceConverter } from '@analogkit/core';
import { absMax, ZERO_CLIP, type ConductanceConverter, type Conductances } from './conductance-converter.js';

/**
 * One device pair per weight: `s = (g_max - g_min) / max(max|W|, 1e-7)`,
 * `g± = clip(±sW, 0, g_max) + g_min`, and back `W = (g+ - g-) / s`.
 */
export const singlePairConverter: ConductanceConverter<SinglePairConductanceConverter> = {
  parameterClass: SinglePairConductanceConverter,

  toConductances(params: SinglePairConductanceConverter, weights: Float32Array): Conductances {
    const scale = (params.g_max - params.g_min) / Math.max(absMax(weights), ZERO_CLIP);
    const plus = new Float64Array(weights.length);
    const minus = new Float64Array(weights.length);
    for (let k = 0; k < weights.length; k++) {
      const g = scale * weights[k]!;
      plus[k] = Math.min(Math.max(g, 0), params.g_max) + params.g_min;
      minus[k] = Math.min(Math.max(-g, 0), params.g_max) + params.g_min;
    }
    return { slices: [plus, minus], scale };
  },

  toWeights(_params: SinglePairConductanceConverter, slices: readonly Float64Array[], scale: number): Float32Array {
    const [plus, minus] = slices as [Float64Array, Float64Array];
    const w = new Float32Array(plus.length);
    for (let k = 0; k < w.length; k++) w[k] = (plus[k]! - minus[k]!) / scale;
    return w;
  },
};
