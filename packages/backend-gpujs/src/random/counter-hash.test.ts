import { moments } from '@analogkit/core/testing';
import { GPU, type KernelFunction } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTER_RNG_FUNCTIONS, counterKey, rngMix, rngNormal, rngUniform } from './counter-hash.js';

const TWO_24 = 2 ** 24;

/** The same generator in plain integer arithmetic (products below 2^48 are exact in doubles). */
function integerMix(counter: number, key: number): number {
  const base = (((counter + key) % TWO_24) * key) % TWO_24;
  const shifted = (base + key) % TWO_24;
  let x = base;
  for (let r = 0; r < 5; r++) {
    const s = (x * x + (r % 2 === 1 ? shifted : base)) % TWO_24;
    x = (s % 4096) * 4096 + Math.floor(s / 4096);
  }
  return x;
}

describe('rngMix', () => {
  it('computes the 24-bit squares rounds exactly with float-safe arithmetic', () => {
    const edges = [0, 1, 4095, 4096, TWO_24 - 1];
    const keys = [1, 4097, 0x9e3779, TWO_24 - 1];
    for (const key of keys) for (const c of edges) expect(rngMix(c, key)).toBe(integerMix(c, key));
    for (let t = 0; t < 2000; t++) {
      const c = (t * 7919 + 13) % TWO_24;
      const key = counterKey(t, 3, 5);
      expect(rngMix(c, key)).toBe(integerMix(c, key));
    }
  });

  it('gives uniforms with mean 1/2, variance 1/12 and no lag-1 correlation over consecutive counters', () => {
    const n = 100_000;
    const key = counterKey(42, 0, 0);
    const u = Float64Array.from({ length: n }, (_, c) => rngUniform(c, key));
    const m = moments(u);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.02 / 12);
    let lag = 0;
    for (let c = 1; c < n; c++) lag += (u[c]! - 0.5) * (u[c - 1]! - 0.5);
    expect(Math.abs((lag / n) * 12)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('gives standard normals at a fixed counter across keys (counter 0 included) and along counters', () => {
    const n = 20_000;
    for (const counter of [0, 1, 1000]) {
      const z = Float64Array.from({ length: n }, (_, lane) => rngNormal(counter, counterKey(7, 1, lane), counterKey(7, 2, lane)));
      const m = moments(z);
      expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(n));
      expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
      expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.2);
    }
  });
});

describe('counterKey', () => {
  it('is an odd 24-bit integer that changes with the seed, the stream and the lane', () => {
    const keys = new Set<number>();
    for (const seed of [0, 1, 2 ** 32 - 1]) {
      for (const stream of [0, 1, 77]) {
        for (const lane of [0, 1, 2]) {
          const k = counterKey(seed, stream, lane);
          expect(Number.isInteger(k) && k % 2 === 1 && k > 0 && k < TWO_24).toBe(true);
          keys.add(k);
        }
      }
    }
    expect(keys.size).toBe(27);
    expect(counterKey(5, 6, 7)).toBe(counterKey(5, 6, 7));
  });
});

describe('inside gpu.js kernels', () => {
  const gpus: GPU[] = [];
  afterAll(async () => {
    for (const gpu of gpus) await gpu.destroy();
  });

  for (const mode of ['webasm', 'cpu'] as const) {
    it(`${mode}: kernel bits equal the host's exactly, normals to float32 precision`, () => {
      const gpu = new GPU({ mode });
      gpus.push(gpu);
      const n = 4096;
      const functions = COUNTER_RNG_FUNCTIONS as unknown as Function[];
      const bits = gpu.createKernel(
        function (this: { thread: { x: number } }, key: number) {
          return rngMix(this.thread.x, key);
        } as unknown as KernelFunction,
        { output: [n], functions },
      );
      const normals = gpu.createKernel(
        function (this: { thread: { x: number } }, keyA: number, keyB: number) {
          return rngNormal(this.thread.x, keyA, keyB);
        } as unknown as KernelFunction,
        { output: [n], functions },
      );
      const key = counterKey(2024, 9, 1);
      const kernelBits = bits(key) as Float32Array;
      const kernelNormals = normals(key, counterKey(2024, 9, 2)) as Float32Array;
      for (let c = 0; c < n; c++) {
        expect(kernelBits[c]).toBe(rngMix(c, key));
        expect(kernelNormals[c]).toBeCloseTo(rngNormal(c, key, counterKey(2024, 9, 2)), 4);
      }
    });
  }
});
