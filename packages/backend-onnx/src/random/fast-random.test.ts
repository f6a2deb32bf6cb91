import { XoshiroRandom } from '@analogkit/core';
import { moments } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { FastRandom } from './fast-random.js';

const N = 200_000;

describe('FastRandom', () => {
  it('draws standard normals: mean, variance, kurtosis and tail mass (5 sigma of the estimates)', () => {
    const random = new FastRandom(new XoshiroRandom(1));
    const z = Float64Array.from({ length: N }, () => random.normal());
    const { mean, variance, kurtosis } = moments(z);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
    const p = 0.0026998; // P(|z| > 3)
    expect(Math.abs(z.filter((v) => Math.abs(v) > 3).length / N - p)).toBeLessThan(5 * Math.sqrt(p / N));
  });

  it('fills uniforms in [0, 1) + shift for rounding offsets', () => {
    const random = new FastRandom(new XoshiroRandom(2));
    const shifted = new Float32Array(N);
    random.fillUniform(shifted, -0.5);
    expect(shifted.every((u) => u >= -0.5 && u < 0.5)).toBe(true);
    const m = moments(shifted);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('fires each pulse-train line with its probability and sign, slot by slot', () => {
    const random = new FastRandom(new XoshiroRandom(3));
    const signed = Float32Array.of(0.25, -0.6, 0, 1, -1);
    const slots = 20_000;
    const out = new Float32Array(slots * signed.length);
    for (let k = 0; k < slots; k += 4) random.fillPulseTrains(signed, 4, out, k);
    for (let j = 0; j < signed.length; j++) {
      const p = Math.abs(signed[j]!);
      const line = Array.from({ length: slots }, (_, k) => out[k * signed.length + j]!);
      expect(line.every((v) => v === 0 || v === Math.sign(signed[j]!))).toBe(true);
      const rate = line.filter((v) => v !== 0).length / slots;
      expect(Math.abs(rate - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / slots) + 1e-12);
    }
  });

  it('is seeded by the tile generator: same seed, same stream; the generator advances', () => {
    const rng = new XoshiroRandom(4);
    const a = new FastRandom(rng).normal();
    const b = new FastRandom(rng).normal();
    expect(new FastRandom(new XoshiroRandom(4)).normal()).toBe(a);
    expect(b).not.toBe(a);
  });
});
