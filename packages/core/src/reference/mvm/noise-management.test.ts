import { describe, expect, it } from 'vitest';
import { BoundManagementType, NoiseManagementType } from '../../parameters/enums.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { expectClose, io, mvm, repeat, tileState } from './mvm-test-support.js';
import { resolveMvmSettings } from './mvm-settings.js';
import { AVG_ABS_MAX_KEY, avgAbsMaxState, noiseManagementScale, npSumScale } from './noise-management.js';
import { quantize, resolutionStep } from './quantize.js';

/** Deterministic rounding draws nothing; any generator will do. */
const NO_RNG = new XoshiroRandom(0);

const NM = NoiseManagementType;

function alphaOf(params: IOParameters, x: number[], avg: Float32Array | null = null): number {
  const s = resolveMvmSettings(params, 'forward', 1, x.length);
  return noiseManagementScale(s.nm, Float32Array.from(x), 0, x.length, s, avg);
}

describe('noiseManagementScale', () => {
  const x = [0.4, -0.9, 0.25];

  it('NONE is 1, ABS_MAX max|x| (capped at nm_thres), MAX max x (capped), CONSTANT nm_thres or 1', () => {
    expect(alphaOf(io({ noise_management: NM.NONE }), x)).toBe(1);
    expect(alphaOf(io({ noise_management: NM.ABS_MAX }), x)).toBe(Math.fround(0.9));
    expect(alphaOf(io({ noise_management: NM.ABS_MAX, nm_thres: 0.5 }), x)).toBe(0.5);
    expect(alphaOf(io({ noise_management: NM.MAX }), x)).toBe(Math.fround(0.4));
    expect(alphaOf(io({ noise_management: NM.MAX, nm_thres: 0.3 }), x)).toBe(Math.fround(0.3));
    expect(alphaOf(io({ noise_management: NM.MAX }), [-0.5, -0.2])).toBe(Math.fround(-0.2));
    expect(alphaOf(io({ noise_management: NM.CONSTANT }), x)).toBe(1);
    expect(alphaOf(io({ noise_management: NM.CONSTANT, nm_thres: 0.7 }), x)).toBe(Math.fround(0.7));
  });

  it('ABS_MAX_NP_SUM is max(amax, min(amax max_bm_res / inp_step, max(sum+, -sum-) nm_assumed_wmax / out_bound))', () => {
    const v = new Array(100).fill(0.5);
    v[0] = 1;
    // sum+ = 50.5: 50.5 * 0.6 / 12 = 2.525 < 1 * 0.25 / (2/126) = 15.75
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM }), v)).toBeCloseTo(2.525, 5);
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM, nm_assumed_wmax: 0.3 }), v)).toBeCloseTo(1.2625, 5);
    // The first term of the min caps it: max_bm_res 0.025 -> 1.575.
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM, max_bm_res: 0.025 }), v)).toBeCloseTo(1.575, 5);
    // Negative sums count too; small sums fall back to amax.
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM }), v.map((a) => -a))).toBeCloseTo(2.525, 5);
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM }), [0.3, 0.1])).toBe(Math.fround(0.3));
    // Infinite out_bound counts as 1; without input quantisation there is no cap.
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM, out_bound: 0, inp_res: 0 }), v)).toBeCloseTo(30.3, 4);
    expect(alphaOf(io({ noise_management: NM.ABS_MAX_NP_SUM, inp_res: 0, max_bm_res: 0.025 }), v)).toBeCloseTo(2.525, 5);
    const s = resolveMvmSettings(io(), 'forward', 1, v.length);
    expect(npSumScale(Float32Array.from(v), 0, v.length, s)).toBeCloseTo(2.525, 5);
  });

  it('AVERAGE_ABS_MAX starts with the first abs-max and then follows the EMA with nm_decay', () => {
    const params = io({ noise_management: NM.AVERAGE_ABS_MAX, nm_decay: 0.1 });
    const aux: Record<string, Float32Array> = {};
    const avg = avgAbsMaxState(aux);
    expect(aux[AVG_ABS_MAX_KEY]).toEqual(Float32Array.of(-1));
    expect(alphaOf(params, [0.5, -2], avg)).toBe(2);
    expect(alphaOf(params, [1, 0], avg)).toBeCloseTo(2 * 0.9 + 0.1 * 1, 6);
    expect(avg[0]).toBeCloseTo(1.9, 6);
  });
});

/**
 * Identity tile, input quantisation only (step `step`, clip +-1), no output periphery, no bound
 * management: y_j = alpha clip(q(x_j / alpha), +-1), so alpha shows in clipping and in the
 * quantisation grid.
 */
function throughIdentity(x: number[], init: Partial<IOParameters>, seed = 1): Float32Array {
  const n = x.length;
  const eye = Array.from({ length: n * n }, (_, m) => (m % (n + 1) === 0 ? 1 : 0));
  const params = io({ out_noise: 0, out_res: 0, out_bound: 0, inp_res: 0, bound_management: BoundManagementType.NONE, ...init });
  return mvm(tileState(n, n, eye), 'forward', x, params, seed);
}

function expected(x: number[], alpha: number, step = 0): number[] {
  return x.map((v) => {
    let q = Math.fround(v * Math.fround(1 / alpha));
    if (step > 0) q = quantize(q, step, false, NO_RNG);
    return alpha * Math.max(-1, Math.min(1, q));
  });
}

describe('noise management through the forward MVM', () => {
  it('NONE: no scaling, the input is clipped at inp_bound', () => {
    expectClose(throughIdentity([1.8, -0.3], { noise_management: NM.NONE }), [1, -0.3]);
  });

  it('ABS_MAX: nothing clipped; with nm_thres the larger inputs are clipped at nm_thres', () => {
    const x = [1.8, -0.3, 0.2];
    expectClose(throughIdentity(x, { noise_management: NM.ABS_MAX }), x);
    expectClose(throughIdentity(x, { noise_management: NM.ABS_MAX, nm_thres: 0.5 }), [0.5, -0.3, 0.2]);
  });

  it('ABS_MAX scales the quantisation grid with the sample', () => {
    const step = resolutionStep(1 / 126, 1);
    const a = [0.9, 0.123, -0.456];
    const b = [9, 1.23, -4.56];
    const ya = throughIdentity([...a, ...b], { noise_management: NM.ABS_MAX, inp_res: 1 / 126 });
    expectClose(ya, expected([...a, ...b], 9, step), 1e-6);
    const batched = mvm(tileState(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]), 'forward', [...a, ...b], io({ out_noise: 0, out_res: 0, out_bound: 0, bound_management: BoundManagementType.NONE }));
    expectClose(batched, [...expected(a, 0.9, step), ...expected(b, 9, step)], 1e-6);
  });

  it('MAX: negatives below -max x are clipped; an all-negative sample gives 0 unless there is input noise', () => {
    expectClose(throughIdentity([-0.9, 0.3, 0.2], { noise_management: NM.MAX }), [-0.3, 0.3, 0.2]);
    expect(Array.from(throughIdentity([-0.9, -0.3], { noise_management: NM.MAX }))).toEqual([0, 0]);
    expect(throughIdentity([-0.9, -0.3], { noise_management: NM.MAX, inp_noise: 0.1 }).some((v) => v !== 0)).toBe(true);
  });

  it('an all-zero sample gives 0 (ABS_MAX shortcut)', () => {
    expect(Array.from(throughIdentity([0, 0, 0], { noise_management: NM.ABS_MAX }))).toEqual([0, 0, 0]);
  });

  it('CONSTANT: alpha = nm_thres (1 when 0)', () => {
    expectClose(throughIdentity([0.9, -0.1], { noise_management: NM.CONSTANT, nm_thres: 0.25 }), [0.25, -0.1]);
    expectClose(throughIdentity([1.8, -0.1], { noise_management: NM.CONSTANT }), [1, -0.1]);
  });

  it('ABS_MAX_NP_SUM: alpha from the input sums (seen on the quantisation grid)', () => {
    // alpha = 4 * 0.6 / 0.5 = 4.8 (max_bm_res large so the cap does not bite); x/alpha = 0.2083 -> 0.2.
    const init = { noise_management: NM.ABS_MAX_NP_SUM, inp_res: 1 / 20, max_bm_res: 10 };
    const y = mvm(tileState(1, 4, [1, 0, 0, 0]), 'forward', [1, 1, 1, 1], io({ out_noise: 0, out_res: 0, out_bound: 0.5, ...init, bound_management: BoundManagementType.NONE }));
    expectClose(y, [4.8 * 0.2], 1e-6);
    const yAbsMax = mvm(tileState(1, 4, [1, 0, 0, 0]), 'forward', [1, 1, 1, 1], io({ out_noise: 0, out_res: 0, out_bound: 0.5, inp_res: 1 / 20, bound_management: BoundManagementType.NONE }));
    expectClose(yAbsMax, [0.5], 1e-6); // alpha 1: output clipped at 0.5
  });

  it('AVERAGE_ABS_MAX: one running value per tile, used and updated by forward and backward, persisted', () => {
    const state = tileState(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const params = io({ noise_management: NM.AVERAGE_ABS_MAX, nm_decay: 0.5, out_noise: 0, out_res: 0, out_bound: 0, inp_res: 0, bound_management: BoundManagementType.NONE });
    // Sample 1 starts the average at 0.8; sample 2 has alpha 0.5 * 0.8 + 0.5 * 1.6 = 1.2, so 1.6 is clipped.
    const y = mvm(state, 'forward', [0.8, 0, 0, 1.6, 0.1, -0.2], params);
    expectClose(y, [0.8, 0, 0, 1.2, 0.1, -0.2]);
    expect(state.aux[AVG_ABS_MAX_KEY]![0]).toBeCloseTo(1.2, 6);
    // Backward continues from it: alpha = 0.6 + 0.5 * 3 = 2.1, so 3 is clipped to 2.1.
    const z = mvm(state, 'backward', [3, 0, 0], params);
    expectClose(z, [2.1, 0, 0], 1e-6);
    expect(state.aux[AVG_ABS_MAX_KEY]![0]).toBeCloseTo(2.1, 6);
    // And the next forward call continues again: 1.05 + 1.5 = 2.55.
    const y2 = mvm(state, 'forward', [3, 0, 0], params);
    expectClose(y2, [2.55, 0, 0], 1e-6);
    // A tile without the entry starts afresh: alpha = 3, nothing clipped.
    expectClose(mvm(tileState(3, 3, state.weights), 'forward', [3, 0, 0], params), [3, 0, 0], 1e-6);
  });

  it('AVERAGE_ABS_MAX with the default nm_decay barely moves', () => {
    const state = tileState(2, 2, [1, 0, 0, 1]);
    const params = io({ noise_management: NM.AVERAGE_ABS_MAX, out_noise: 0, inp_res: 0, out_res: 0, out_bound: 0, bound_management: BoundManagementType.NONE });
    mvm(state, 'forward', repeat([1, 0], 1), params);
    mvm(state, 'forward', repeat([3, 0], 1), params);
    expect(state.aux[AVG_ABS_MAX_KEY]![0]).toBeCloseTo(1 + 1e-3 * 2, 6);
  });
});
