import { describe, expect, it } from 'vitest';
import { TileStateError } from '../../errors.js';
import { IOParameters } from '../../parameters/io-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { drawMvmParameters, ensureMvmParameters } from './draw-mvm-parameters.js';
import { expectGaussianMoments, idealIO, io, moments, mvm, tileState } from './mvm-test-support.js';

const ALL = {
  out_noise: 0.1,
  out_noise_std: 0.3,
  v_offset_std: 0.05,
  out_nonlinearity: 0.5,
  out_nonlinearity_std: 0.1,
  slope_calibration: 0.5,
  w_read_asymmetry_dtod: 0.1,
};

describe('drawMvmParameters', () => {
  it('draws nothing for the defaults or a perfect MVM', () => {
    expect(drawMvmParameters(new IOParameters(), 'forward', 3, 4, new XoshiroRandom(1))).toEqual({});
    expect(drawMvmParameters(new IOParameters({ ...ALL, is_perfect: true }), 'forward', 3, 4, new XoshiroRandom(1))).toEqual({});
  });

  it('uses aihwkit names with the direction prefix; "out" is rows forward, cols backward', () => {
    const f = drawMvmParameters(io(ALL), 'forward', 3, 4, new XoshiroRandom(1));
    expect(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.length]))).toEqual({
      'forward.v_offset': 3,
      'forward.out_nonlinearity': 3,
      'forward.out_nonlinearity_factor': 1,
      'forward.w_asymmetry': 12,
      'forward.out_noise_values': 3,
    });
    const b = drawMvmParameters(io(ALL), 'backward', 3, 4, new XoshiroRandom(1));
    expect(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.length]))).toEqual({
      'backward.v_offset': 4,
      'backward.out_nonlinearity': 4,
      'backward.out_nonlinearity_factor': 1,
      'backward.w_asymmetry': 12,
      'backward.out_noise_values': 4,
    });
  });

  it('same seed, same draws', () => {
    const a = drawMvmParameters(io(ALL), 'forward', 3, 4, new XoshiroRandom(9));
    const b = drawMvmParameters(io(ALL), 'forward', 3, 4, new XoshiroRandom(9));
    expect(a).toEqual(b);
  });

  it('draws with the right distributions', () => {
    const n = 4000;
    const d = drawMvmParameters(io({ ...ALL, out_noise_std: 0.2 }), 'forward', n, 2, new XoshiroRandom(3));
    // |0.1 (1 + 0.2 xi)|: the abs never bites at 5 sigma.
    expectGaussianMoments(d['forward.out_noise_values']!, 0.1, 0.02);
    // |0.5 / 12 (1 + 0.1 xi)|
    expectGaussianMoments(d['forward.out_nonlinearity']!, 0.5 / 12, 0.5 / 12 * 0.1);
    expectGaussianMoments(d['forward.w_asymmetry']!, 1, 0.1);
    const o = d['forward.v_offset']!;
    expect(o.every((v) => v >= 0)).toBe(true);
    const positive = Array.from(o).filter((v) => v > 0);
    expect(Math.abs(positive.length / n - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(moments(positive).mean - 0.05 * Math.sqrt(2 / Math.PI))).toBeLessThan(0.003);
    const meanNl = moments(d['forward.out_nonlinearity']!).mean;
    expect(d['forward.out_nonlinearity_factor']![0]).toBeCloseTo((1 + meanNl * 0.5 * 12) ** 2, 5);
  });

  it('uses 1 as the reference bound when out_bound <= 0', () => {
    const d = drawMvmParameters(io({ out_nonlinearity: 0.5, out_bound: 0 }), 'forward', 2, 2, new XoshiroRandom(3));
    expect(Array.from(d['forward.out_nonlinearity']!)).toEqual([0.5, 0.5]);
    expect(d['forward.out_nonlinearity_factor']![0]).toBe(1);
  });
});

describe('MVM quantities in the tile state', () => {
  it('are drawn on first use when missing, stored, and then reused', () => {
    const state = tileState(2, 2, [1, 0, 0, 1]);
    const params = idealIO({ out_noise: 0.1, out_noise_std: 0.5 });
    mvm(state, 'forward', [1, 1], params, 1);
    const drawn = state.aux['forward.out_noise_values']!.slice();
    mvm(state, 'forward', [1, 1], params, 2);
    expect(state.aux['forward.out_noise_values']).toEqual(drawn);
    expect(state.aux['backward.out_noise_values']).toBeUndefined();
    mvm(state, 'backward', [1, 1], params, 3);
    expect(state.aux['backward.out_noise_values']!.length).toBe(2);
  });

  it('only the missing ones are drawn', () => {
    const aux: Record<string, Float32Array> = { 'forward.out_nonlinearity': Float32Array.of(0.25, 0.5) };
    const p = ensureMvmParameters(aux, io({ out_nonlinearity: 1, slope_calibration: 1, out_bound: 2 }), 'forward', 2, 3, new XoshiroRandom(1));
    expect(Array.from(p.outNonlinearity!)).toEqual([0.25, 0.5]);
    expect(p.outNonlinearityFactor).toBeCloseTo((1 + 0.375 * 2) ** 2, 6);
    expect(aux['forward.out_nonlinearity_factor']![0]).toBeCloseTo(3.0625, 6);
  });

  it('rejects stored quantities of the wrong size', () => {
    const state = tileState(2, 2, [1, 0, 0, 1]);
    state.aux['forward.out_noise_values'] = Float32Array.of(0.1);
    expect(() => mvm(state, 'forward', [1, 1], io({ out_noise_std: 0.5 }))).toThrow(TileStateError);
  });
});
