import { describe, expect, it } from 'vitest';
import { BoundManagementType, NoiseManagementType } from '../../parameters/enums.js';
import { column, expectClose, expectGaussianMoments, idealIO, moments, mvm, repeat, tileState } from './mvm-test-support.js';

const unit = () => tileState(1, 1, [1]);
const diag = (d: number[]) => tileState(d.length, d.length, d.flatMap((v, i) => d.map((_, j) => (i === j ? v : 0))));

describe('output (ADC) stage', () => {
  it('out_noise adds N(0, out_noise^2) to the analog output (scaled by alpha with noise management)', () => {
    const zero = tileState(4, 4, new Array(16).fill(0));
    const x = repeat([0.5, -0.25, 0.1, 0], 2000);
    expectGaussianMoments(mvm(zero, 'forward', x, idealIO({ out_noise: 0.06 }), 11), 0, 0.06);
    const nm = idealIO({ out_noise: 0.06, noise_management: NoiseManagementType.ABS_MAX, inp_bound: 1 });
    expectGaussianMoments(mvm(zero, 'forward', x, nm, 12), 0, 0.03);
  });

  it('out_noise_std draws a fixed per-output strength |out_noise (1 + out_noise_std xi)| and uses it', () => {
    const zero = tileState(4, 1, new Array(4).fill(0));
    const params = idealIO({ out_noise: 0.1, out_noise_std: 0.5 });
    const first = mvm(zero, 'forward', repeat([1], 4000), params, 13);
    const values = zero.aux['forward.out_noise_values']!;
    expect(values.length).toBe(4);
    expect(new Set(values).size).toBe(4);
    for (let i = 0; i < 4; i++) expectGaussianMoments(column(first, i, 4), 0, values[i]!);
    // Stored values are kept (not redrawn) and can be set.
    zero.aux['forward.out_noise_values'] = Float32Array.of(0, 0.5, 0.06, 1);
    const y = mvm(zero, 'forward', repeat([1], 4000), params, 14);
    expect(column(y, 0, 4).every((v) => v === 0)).toBe(true);
    for (const [i, std] of [[1, 0.5], [2, 0.06], [3, 1]] as const) expectGaussianMoments(column(y, i, 4), 0, std);
  });

  it('quantises with step out_res * 2 * out_bound (out_res > 1: steps) and clips at +-out_bound', () => {
    expect(Array.from(mvm(unit(), 'forward', [0.33, -0.33], idealIO({ out_res: 0.1, out_bound: 1 })))).toEqual([Math.fround(0.4), Math.fround(-0.4)]);
    expect(Array.from(mvm(unit(), 'forward', [0.33], idealIO({ out_res: 10, out_bound: 1 })))).toEqual([Math.fround(0.4)]);
    expect(Array.from(mvm(unit(), 'forward', [3, -5], idealIO({ out_bound: 1 })))).toEqual([1, -1]);
  });

  it('out_bound <= 0: no clipping and no quantisation (SPEC §11.2)', () => {
    expect(Array.from(mvm(unit(), 'forward', [0.33, 25], idealIO({ out_res: 0.1, out_bound: 0 })))).toEqual([Math.fround(0.33), 25]);
    expect(Array.from(mvm(unit(), 'forward', [0.33], idealIO({ out_res: 0, out_bound: 1 })))).toEqual([Math.fround(0.33)]);
  });

  it('out_sto_round rounds stochastically (unbiased)', () => {
    const x = repeat([0.25], 4000);
    expect(new Set(mvm(unit(), 'forward', x, idealIO({ out_res: 0.1, out_bound: 1 })))).toEqual(new Set([Math.fround(0.2)]));
    const sto = mvm(unit(), 'forward', x, idealIO({ out_res: 0.1, out_bound: 1, out_sto_round: true }), 5);
    expect(new Set(sto)).toEqual(new Set([Math.fround(0.2), Math.fround(0.4)]));
    expect(Math.abs(moments(sto).mean - 0.25)).toBeLessThan((5 * 0.2 * Math.sqrt(0.25 * 0.75)) / Math.sqrt(4000));
  });

  it('out_asymmetry scales negative outputs by (1 - out_asymmetry), only when > 0 (SPEC §11.5)', () => {
    const w = tileState(2, 1, [1, -1]);
    expectClose(mvm(w, 'forward', [0.5], idealIO({ out_asymmetry: 0.2 })), [0.5, -0.4]);
    expectClose(mvm(w, 'forward', [0.5], idealIO({ out_asymmetry: -0.2 })), [0.5, -0.5]);
  });

  it('out_nonlinearity: y / (1 + |nl_i y|) with nl_i = out_nonlinearity / out_bound', () => {
    const x = [3, -6, 9];
    const y = mvm(diag([1, 1, 1]), 'forward', x, idealIO({ out_nonlinearity: 2, out_bound: 12 }));
    const nl = 2 / 12;
    expectClose(y, x.map((v) => v / (1 + Math.abs(nl * v))), 1e-6);
  });

  it('out_nonlinearity_std varies nl_i per output (drawn once, in aux)', () => {
    const state = diag([1, 1, 1, 1]);
    const x = [3, 3, 3, 3];
    const y = mvm(state, 'forward', x, idealIO({ out_nonlinearity: 2, out_nonlinearity_std: 0.3, out_bound: 12 }));
    const nl = state.aux['forward.out_nonlinearity']!;
    expect(new Set(nl).size).toBe(4);
    expectClose(y, x.map((v, i) => v / (1 + Math.abs(nl[i]! * v))), 1e-6);
    expect(new Set(y).size).toBe(4);
  });

  it('slope_calibration: factor f = (1 + mean(nl) slope_calibration out_bound)^2 in front', () => {
    const state = diag([1, 1]);
    const x = [3, -4];
    const y = mvm(state, 'forward', x, idealIO({ out_nonlinearity: 2, slope_calibration: 0.5, out_bound: 12 }));
    const nl = 2 / 12;
    const f = (1 + nl * 0.5 * 12) ** 2;
    expect(state.aux['forward.out_nonlinearity_factor']![0]).toBeCloseTo(f, 5);
    expectClose(y, x.map((v) => (f * v) / (1 + Math.abs(nl * v))), 1e-6);
  });

  it('the bound test of bound management sees the output after the non-linearity', () => {
    // 11.9 is inside the bound; with the calibrated non-linearity it is 12.4 and bound management steps in.
    const passes = (init: Parameters<typeof idealIO>[0]) => {
      const stats: { passes?: Int32Array } = {};
      mvm(unit(), 'forward', [11.9], idealIO({ out_bound: 12, bound_management: BoundManagementType.ITERATIVE, ...init }), 1, stats);
      return stats.passes![0];
    };
    expect(passes({})).toBe(1);
    expect(passes({ out_nonlinearity: 0.5, slope_calibration: 0.5 })).toBe(2);
  });
});
