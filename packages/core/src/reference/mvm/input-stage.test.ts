import { describe, expect, it } from 'vitest';
import { NoiseManagementType } from '../../parameters/enums.js';
import { column, expectClose, expectGaussianMoments, idealIO, moments, mvm, repeat, tileState } from './mvm-test-support.js';
import { resolutionStep } from './quantize.js';

/** 1 x 1 tile of weight 1: the output is the DAC-stage value of the input. */
const unit = () => tileState(1, 1, [1]);

describe('input (DAC) stage', () => {
  it('quantises in float32: 0.5 with 126 steps comes out as 31 steps (SPEC §11.1)', () => {
    const step = resolutionStep(1 / 126, 1);
    expect(Array.from(mvm(unit(), 'forward', [0.5], idealIO({ inp_res: 1 / 126, inp_bound: 1 })))).toEqual([Math.fround(31 * step)]);
    // inp_res > 1 is a number of steps.
    expect(Array.from(mvm(unit(), 'forward', [0.5], idealIO({ inp_res: 126, inp_bound: 1 })))).toEqual([Math.fround(31 * step)]);
    // The step is inp_res * 2 * inp_bound.
    expect(Array.from(mvm(unit(), 'forward', [0.3], idealIO({ inp_res: 0.125, inp_bound: 1 })))).toEqual([0.25]);
    expect(Array.from(mvm(unit(), 'forward', [0.3], idealIO({ inp_res: 0.125, inp_bound: 2 })))).toEqual([0.5]);
  });

  it('inp_res <= 0: no quantisation', () => {
    expect(Array.from(mvm(unit(), 'forward', [0.3], idealIO({ inp_res: 0, inp_bound: 1 })))).toEqual([Math.fround(0.3)]);
  });

  it('clips at +-inp_bound; inp_bound <= 0 turns off clipping and quantisation (SPEC §11.2)', () => {
    expect(Array.from(mvm(unit(), 'forward', [0.8, -3], idealIO({ inp_bound: 0.5 })))).toEqual([0.5, -0.5]);
    expect(Array.from(mvm(unit(), 'forward', [3.3333, -7.77], idealIO({ inp_bound: 0, inp_res: 1 / 126 })))).toEqual([Math.fround(3.3333), Math.fround(-7.77)]);
  });

  it('inp_noise is added after scaling, quantisation and clipping', () => {
    // 1 x 16 tile of ones: y = sum_j (x_j + sigma xi_j), std sigma * 4.
    const ones = tileState(1, 16, new Array(16).fill(1));
    const x = repeat(new Array(16).fill(0.25), 4000);
    expectGaussianMoments(mvm(ones, 'forward', x, idealIO({ inp_noise: 0.1 }), 7), 4, 0.4);
    // With ABS_MAX the noise is relative to the scaled input: y = alpha W (x / alpha + sigma xi).
    const nm = idealIO({ inp_noise: 0.1, noise_management: NoiseManagementType.ABS_MAX, inp_bound: 1 });
    expectGaussianMoments(mvm(ones, 'forward', x, nm, 8), 4, 0.1);
    // Clipping comes first: the noise can take the value past the bound.
    const clipped = mvm(unit(), 'forward', repeat([5], 4000), idealIO({ inp_noise: 0.1, inp_bound: 1 }), 9);
    expectGaussianMoments(clipped, 1, 0.1);
  });

  it('inp_sto_round rounds stochastically (unbiased) where deterministic rounding is biased', () => {
    const x = repeat([0.3], 4000);
    const det = mvm(unit(), 'forward', x, idealIO({ inp_res: 0.125, inp_bound: 1 }), 3);
    expect(new Set(det)).toEqual(new Set([0.25]));
    const sto = mvm(unit(), 'forward', x, idealIO({ inp_res: 0.125, inp_bound: 1, inp_sto_round: true }), 3);
    expect(new Set(sto)).toEqual(new Set([0.25, 0.5]));
    expect(Math.abs(moments(sto).mean - 0.3)).toBeLessThan((5 * 0.25 * Math.sqrt(0.2 * 0.8)) / Math.sqrt(4000));
  });

  it('inp_asymmetry scales negative inputs by (1 - inp_asymmetry), in ONE_PASS too (SPEC §11.5)', () => {
    const w = tileState(1, 2, [1, 1]);
    expectClose(mvm(w, 'forward', [0.5, -0.5], idealIO({ inp_asymmetry: 0.2 })), [0.1]);
    expectClose(mvm(w, 'forward', [0.5, -0.5], idealIO({ inp_asymmetry: -0.2 })), [-0.1]);
    expectClose(mvm(w, 'forward', [0.5, -0.5], idealIO()), [0]);
  });

  it('each sample has its own noise', () => {
    const y = mvm(tileState(2, 1, [1, 1]), 'forward', repeat([0.5], 3), idealIO({ inp_noise: 0.1 }), 4);
    expect(new Set(column(y, 0, 2)).size).toBe(3);
  });
});
