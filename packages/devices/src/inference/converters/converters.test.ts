import { ConfigError, ParameterBase, SinglePairConductanceConverter } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { DualPairConductanceConverter } from '../parameters/dual-pair-conductance-converter.js';
import { converterFor } from './converter-for.js';
import { dualPairConverter } from './dual-pair-converter.js';
import { singlePairConverter } from './single-pair-converter.js';

const W = Float32Array.of(0.4, -0.8, 0, 0.1, -0.05, 0.8);

describe('SinglePairConductanceConverter', () => {
  it('maps max|W| to g_max - g_min on the side of the sign, the partner at g_min, and back exactly (float32)', () => {
    const params = new SinglePairConductanceConverter({ g_max: 25, g_min: 1 });
    const { slices, scale } = singlePairConverter.toConductances(params, W);
    expect(scale).toBeCloseTo(24 / 0.8, 5);
    expect(slices).toHaveLength(2);
    expect(slices[0]![5]).toBeCloseTo(25, 5);
    expect(slices[1]![5]).toBe(1);
    expect(slices[1]![1]).toBeCloseTo(25, 5);
    expect(slices[0]![0]).toBeCloseTo(1 + 0.4 * scale, 5);
    expect(Array.from(singlePairConverter.toWeights(params, slices, scale))).toEqual(Array.from(W));
  });

  it('keeps an all-zero matrix finite (max|W| floored at 1e-7)', () => {
    const params = new SinglePairConductanceConverter();
    const { slices, scale } = singlePairConverter.toConductances(params, new Float32Array(3));
    expect(scale).toBeCloseTo(25 / 1e-7, 0);
    expect(Array.from(singlePairConverter.toWeights(params, slices, scale))).toEqual([0, 0, 0]);
  });

  it('rejects g_min >= g_max', () => {
    expect(() => new SinglePairConductanceConverter({ g_max: 5, g_min: 5 })).toThrow(ConfigError);
  });
});

describe('DualPairConductanceConverter', () => {
  const params = new DualPairConductanceConverter({ f_lst: [1, 3] });

  it('fills the less significant pair first: max|W| maps to (1 + 3)·25 µS', () => {
    const { slices, scale } = dualPairConverter.toConductances(params, Float32Array.of(1, 0.2, -0.5));
    expect(scale).toBeCloseTo(100, 6);
    expect(slices).toHaveLength(4);
    // w = 0.2 -> 20 µS, all on the low pair.
    expect(slices[0]![1]).toBeCloseTo(20, 5);
    expect(slices[2]![1]).toBe(0);
    // w = -0.5 -> 50 µS: low pair full (25), high pair (50 - 25)/3.
    expect(slices[1]![2]).toBeCloseTo(25, 9);
    expect(slices[3]![2]).toBeCloseTo(25 / 3, 9);
    expect(slices[0]![2]).toBe(0);
    // w = 1 -> 100 µS: both pairs full.
    expect([slices[0]![0], slices[2]![0]]).toEqual([25, 25]);
  });

  it('converts back exactly (float32)', () => {
    const { slices, scale } = dualPairConverter.toConductances(params, W);
    expect(Array.from(dualPairConverter.toWeights(params, slices, scale))).toEqual(Array.from(W));
  });

  it('needs two positive significance factors', () => {
    expect(() => new DualPairConductanceConverter()).toThrow(/f_lst must be two positive/);
    expect(() => new DualPairConductanceConverter({ f_lst: [1, 0] })).toThrow(ConfigError);
  });
});

describe('converterFor', () => {
  it('finds the behaviour by parameter class and names the supported ones otherwise', () => {
    expect(converterFor(new SinglePairConductanceConverter())).toBe(singlePairConverter);
    expect(converterFor(new DualPairConductanceConverter({ f_lst: [1, 2] }))).toBe(dualPairConverter);
    class OtherConverter extends ParameterBase {
      static override readonly className = 'OtherConverter';
    }
    expect(() => converterFor(new OtherConverter() as never)).toThrow(/OtherConverter is not supported; use one of SinglePairConductanceConverter, DualPairConductanceConverter/);
  });
});
