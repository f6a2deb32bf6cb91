import type { BaseConductanceConverter } from '@analogkit/core';

/** The fields PCMLikeNoiseModel and CustomDriftPCMLikeNoiseModel share. */
export interface PCMLikeFields {
  g_converter: BaseConductanceConverter;
  g_max: number;
  t_read: number;
  t_0: number;
  prog_coeff: number[];
  prog_coeff_g_max_reference: number;
  prog_noise_scale: number;
  read_noise_scale: number;
  drift_scale: number;
}

/** Floor of g/g_max in the drift-exponent fit (aihwkit's _ZERO_CLIP). */
const G_RELATIVE_FLOOR = 1e-7;

/** `Σ c_k (g/g_max)^k` in µS. */
export function polynomialStd(coeffs: readonly number[], gRelative: number): number {
  let sigma = 0;
  let power = 1;
  for (const c of coeffs) {
    sigma += c * power;
    power *= gRelative;
  }
  return sigma;
}

/** PCM programming noise std: the fitted polynomial, rescaled from the fit's g_max to this g_max. */
export function pcmProgrammingStd(params: PCMLikeFields, gTarget: number): number {
  return params.prog_noise_scale * polynomialStd(params.prog_coeff, gTarget / params.g_max) * (params.g_max / params.prog_coeff_g_max_reference);
}

/** Mean and std of the PCM drift exponent fit at target conductance gTarget (natural log, clipped). */
export function pcmDriftExponentMoments(params: PCMLikeFields, gTarget: number): { mean: number; std: number } {
  const lnG = Math.log(Math.max(Math.abs(gTarget / params.g_max), G_RELATIVE_FLOOR));
  return {
    mean: Math.min(Math.max(-0.0155 * lnG + 0.0244, 0.049), 0.1),
    std: Math.min(Math.max(-0.0125 * lnG - 0.0059, 0.008), 0.045),
  };
}

/** PCM 1/f read noise std: `|g_d| · Q_s(g_prog) · sqrt(ln((t + t_read)/(2 t_read)))`. */
export function pcmReadStd(params: PCMLikeFields, gProg: number, gDrift: number, oneOverF: number): number {
  const qs = Math.min(0.0088 / Math.max(Math.pow(Math.abs(gProg) / params.g_max, 0.65), 1e-3), 0.2);
  return Math.abs(gDrift) * params.read_noise_scale * qs * oneOverF;
}
