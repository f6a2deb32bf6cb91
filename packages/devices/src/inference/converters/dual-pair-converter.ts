import { DualPairConductanceConverter } from '../parameters/dual-pair-conductance-converter.js';
import { absMax, ZERO_CLIP, type ConductanceConverter, type Conductances } from './conductance-converter.js';

/**
 * Device pairs of increasing significance f_k: max|W| maps to `Σ f_k (g_max - g_min)` µS; pair k
 * holds what the lower pairs cannot, `clamp((|w_µS| - L_k)/f_k + g_min, g_min, g_max)` on the
 * side of w's sign (L_k: range of the lower pairs); back `W = Σ f_k (g+_k - g-_k) / s`.
 */
export const dualPairConverter: ConductanceConverter<DualPairConductanceConverter> = {
  parameterClass: DualPairConductanceConverter,

  toConductances(params: DualPairConductanceConverter, weights: Float32Array): Conductances {
    const range = params.g_max - params.g_min;
    const total = params.f_lst.reduce((sum, f) => sum + f * range, 0);
    const scale = total / Math.max(absMax(weights), ZERO_CLIP);
    const slices: Float64Array[] = [];
    let lower = 0;
    for (const f of params.f_lst) {
      const plus = new Float64Array(weights.length);
      const minus = new Float64Array(weights.length);
      for (let k = 0; k < weights.length; k++) {
        const w = scale * weights[k]!;
        plus[k] = clamp((Math.max(w, 0) - lower) / f + params.g_min, params.g_min, params.g_max);
        minus[k] = clamp((Math.max(-w, 0) - lower) / f + params.g_min, params.g_min, params.g_max);
      }
      slices.push(plus, minus);
      lower += f * range;
    }
    return { slices, scale };
  },

  toWeights(params: DualPairConductanceConverter, slices: readonly Float64Array[], scale: number): Float32Array {
    const sum = new Float64Array(slices[0]!.length);
    params.f_lst.forEach((f, pair) => {
      const plus = slices[2 * pair]!;
      const minus = slices[2 * pair + 1]!;
      for (let k = 0; k < sum.length; k++) sum[k] = sum[k]! + f * (plus[k]! - minus[k]!);
    });
    const w = new Float32Array(sum.length);
    for (let k = 0; k < w.length; k++) w[k] = sum[k]! / scale;
    return w;
  },
};

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
