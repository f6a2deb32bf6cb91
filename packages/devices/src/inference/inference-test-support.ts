import { XoshiroRandom } from '@analogkit/core';

export { meanStd } from '@analogkit/core/testing';

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Mean and std of |X| for X ~ N(mu, sigma) (the folded normal). */
export function foldedNormal(mu: number, sigma: number): { mean: number; std: number } {
  const mean = sigma * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * sigma * sigma)) + mu * (1 - 2 * normalCdf(-mu / sigma));
  return { mean, std: Math.sqrt(mu * mu + sigma * sigma - mean * mean) };
}

/**
 * A 1 x n row of weights: the first is 1 (so max|W| = 1 maps to g_max), the others `level`.
 * Statistics are taken over the others.
 */
export function levelRow(level: number, n: number): Float32Array {
  const w = new Float32Array(n).fill(level);
  w[0] = 1;
  return w;
}

export const rng = (seed: number) => new XoshiroRandom(seed);
