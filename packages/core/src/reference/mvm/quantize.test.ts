import { describe, expect, it } from 'vitest';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { moments } from './mvm-test-support.js';
import { quantize, resolutionStep, roundHalfEven } from './quantize.js';

describe('resolutionStep', () => {
  it('is fl32(res * 2 * bound) for a resolution and uses 1/res for a number of steps', () => {
    expect(resolutionStep(1 / 126, 1)).toBe(Math.fround(2 / 126));
    expect(resolutionStep(1 / 510, 12)).toBe(Math.fround(Math.fround(1 / 510) * 24));
    expect(resolutionStep(254, 1)).toBe(Math.fround(Math.fround(1 / 254) * 2));
    expect(resolutionStep(126, 1)).toBe(resolutionStep(1 / 126, 1));
  });

  it('is 0 (no quantisation) for res <= 0 or bound <= 0', () => {
    expect(resolutionStep(0, 1)).toBe(0);
    expect(resolutionStep(-0.1, 1)).toBe(0);
    expect(resolutionStep(1 / 126, 0)).toBe(0);
    expect(resolutionStep(1 / 126, -3)).toBe(0);
  });
});

describe('roundHalfEven', () => {
  it('rounds ties to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 31.5, 32.5].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 32, 32]);
    expect([0.49, 0.51, -0.51, 7.2].map(roundHalfEven)).toEqual([0, 1, -1, 7]);
  });
});

describe('quantize', () => {
  const rng = new XoshiroRandom(3);

  it('works in float32: 0.5 / fl32(2/126) = 31.499998 rounds to 31 (float64 would give 32)', () => {
    const step = resolutionStep(1 / 126, 1);
    expect(roundHalfEven(0.5 / (2 / 126))).toBe(32); // float64: 31.5 exactly, a tie that rounds to even 32
    expect(quantize(0.5, step, false, rng)).toBe(Math.fround(31 * step));
  });

  it('maps values onto the step grid, ties to even', () => {
    const step = 0.25;
    expect([0.1, 0.125, 0.375, -0.3, 1.0].map((v) => quantize(v, step, false, rng))).toEqual([0, 0, 0.5, -0.25, 1]);
  });

  it('stochastic rounding is unbiased and hits both neighbours', () => {
    const step = 0.25;
    const values = Array.from({ length: 20000 }, () => quantize(0.3, step, true, rng));
    expect(new Set(values)).toEqual(new Set([0.25, 0.5]));
    // P(0.5) = 0.2: the mean is 0.3 (deterministic rounding gives 0.25).
    const m = moments(values);
    expect(Math.abs(m.mean - 0.3)).toBeLessThan((5 * Math.sqrt(0.2 * 0.8) * 0.25) / Math.sqrt(values.length));
  });
});
