import { readFileSync } from 'node:fs';
import { XoshiroRandom } from '@analogkit/core';
import { moments } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { generateNormalsModuleSource, NORMALS_GENERATED_URL } from '../../scripts/wasm-module.js';
import { FastRandom } from '../random/fast-random.js';
import { WasmNormals } from './wasm-normals.js';

const N = 400_000;

/** The standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function fill(length: number, sigma: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  new WasmNormals().fill(out, sigma, new FastRandom(new XoshiroRandom(seed)));
  return out;
}

describe('WasmNormals', () => {
  it('fills sigma * N(0, 1): moments within 5 standard errors', () => {
    const sigma = 0.06;
    const { mean, variance, kurtosis } = moments(fill(N, sigma, 1));
    expect(Math.abs(mean)).toBeLessThan((5 * sigma) / Math.sqrt(N));
    expect(Math.abs(variance / (sigma * sigma) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it('matches the normal CDF from the centre to the tail beyond R = 3.44 (wedges and tail included)', () => {
    const z = fill(N, 1, 2);
    for (const x of [-3.7, -3, -2, -1, -0.3, 0, 0.5, 1.5, 2.5, 3.2, 3.6]) {
      const p = normalCdf(x);
      const below = z.filter((v) => v <= x).length / N;
      expect(Math.abs(below - p), `P(z <= ${x})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-6);
    }
  });

  it('fills every element of lengths that are not whole SIMD vectors or chunks', () => {
    for (const length of [1, 3, 5, 16_384 * 2 + 3]) {
      const out = fill(length, 1, 3);
      expect(out.every((v) => Number.isFinite(v) && v !== 0)).toBe(true);
    }
  });

  it('is decided by the seed: same seed, same numbers; fresh numbers on each call; another seed differs', () => {
    const random = new FastRandom(new XoshiroRandom(7));
    const normals = new WasmNormals();
    const first = new Float32Array(1001);
    const second = new Float32Array(1001);
    normals.fill(first, 1, random);
    normals.fill(second, 1, random);
    expect(second).not.toEqual(first);
    expect(fill(1001, 1, 7)).toEqual(first);
    expect(fill(1001, 1, 8)).not.toEqual(first);
  });

  it('runs the module assembled from normals.wat (npm run wasm -w @analogkit/backend-onnx regenerates it)', async () => {
    expect(readFileSync(NORMALS_GENERATED_URL, 'utf8')).toBe(await generateNormalsModuleSource());
  });
});
