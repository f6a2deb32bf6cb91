import { describe, expect, it } from 'vitest';
import { emptyTileState } from '../backends/tile-state.js';
import { ConfigError, TileStateError } from '../errors.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import {
  clipToPulsedDeviceBounds,
  hiddenArray,
  PULSED_DEVICE_HIDDEN_NAMES,
  samplePulsedDevicePopulation,
} from './pulsed-device-population.js';
import { meanStd } from '../testing/statistics.js';

const ROWS = 200;
const COLS = 200;
const N = ROWS * COLS;


/** Asserts mean and std of `a` within 5 standard errors (normal-like draws). */
function expectMoments(a: Float32Array, mean: number, std: number): void {
  const m = meanStd(a);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * (std / Math.sqrt(a.length)) + 1e-7);
  expect(Math.abs(m.std - std)).toBeLessThan(5 * (std / Math.sqrt(2 * a.length)) + 1e-7);
}

function sample(init: ConstructorParameters<typeof ConstantStepDevice>[0], seed = 1, rows = ROWS, cols = COLS) {
  return samplePulsedDevicePopulation(new ConstantStepDevice(init), rows, cols, new XoshiroRandom(seed));
}

describe('pulsed device population', () => {
  it('returns aihwkit hidden names in order, one value per device', () => {
    const h = sample({}, 1, 3, 4);
    expect(Object.keys(h)).toEqual([...PULSED_DEVICE_HIDDEN_NAMES]);
    expect(Object.keys(h)).toEqual(['max_bound', 'min_bound', 'dwmin_up', 'dwmin_down', 'decay_scales', 'diffusion_rates', 'reset_bias', 'drift_nu']);
    for (const a of Object.values(h)) expect(a.length).toBe(12);
  });

  it('draws bounds with w_max_dtod / w_min_dtod = 0.3 (defaults)', () => {
    const h = sample({});
    expectMoments(h.max_bound, 0.6, 0.18);
    expectMoments(h.min_bound, -0.6, 0.18);
  });

  it('draws steps with gain dtod (dw_min_dtod) and the up/down dtod split', () => {
    const h = sample({ dw_min: 0.01, dw_min_dtod: 0.3, up_down_dtod: 0 });
    expectMoments(h.dwmin_up, 0.01, 0.003);
    expect(Array.from(h.dwmin_up)).toEqual(Array.from(h.dwmin_down)); // same gain, no split
    const s = sample({ dw_min: 0.01, dw_min_dtod: 0, up_down_dtod: 0.1 });
    expectMoments(s.dwmin_up, 0.01, 0.001);
    for (let k = 0; k < N; k++) expect(s.dwmin_up[k]! + s.dwmin_down[k]!).toBeCloseTo(0.02, 7); // up = g + r, down = g - r
  });

  it('splits a positive up_down bias onto the down step and a negative one onto the up step', () => {
    const pos = sample({ dw_min: 0.01, dw_min_dtod: 0.1, up_down: 0.2, up_down_dtod: 0 });
    expectMoments(pos.dwmin_up, 0.01, 0.001);
    expectMoments(pos.dwmin_down, 0.008, 0.001);
    const neg = sample({ dw_min: 0.01, dw_min_dtod: 0.1, up_down: -0.2, up_down_dtod: 0 });
    expectMoments(neg.dwmin_up, 0.008, 0.001);
    expectMoments(neg.dwmin_down, 0.01, 0.001);
  });

  it('draws a log-normal gain when dw_min_dtod_log_normal is set', () => {
    const h = sample({ dw_min: 1, dw_min_dtod: 0.2, dw_min_dtod_log_normal: true, up_down_dtod: 0 });
    const logs = Float32Array.from(h.dwmin_up, Math.log);
    expectMoments(logs, 0, 0.2);
  });

  it('enforces consistency: positive steps, bmax >= 0 >= bmin', () => {
    const h = sample({ dw_min_dtod: 3, up_down_dtod: 2, w_max_dtod: 3, w_min_dtod: 3 }, 2, 100, 100);
    for (let k = 0; k < 10000; k++) {
      expect(h.dwmin_up[k]).toBeGreaterThanOrEqual(0);
      expect(h.dwmin_down[k]).toBeGreaterThanOrEqual(0);
      expect(h.max_bound[k]).toBeGreaterThanOrEqual(0);
      expect(h.min_bound[k]).toBeLessThanOrEqual(0);
    }
  });

  it('without consistency keeps signed steps and collapses crossed bounds to their midpoint', () => {
    const h = sample({ enforce_consistency: false, dw_min_dtod: 3, w_max_dtod: 3, w_min_dtod: 3 }, 2, 100, 100);
    let negativeSteps = 0;
    let collapsed = 0;
    for (let k = 0; k < 10000; k++) {
      if (h.dwmin_up[k]! < 0) negativeSteps++;
      if (h.max_bound[k] === h.min_bound[k]) collapsed++;
      expect(h.max_bound[k]).toBeGreaterThanOrEqual(h.min_bound[k]!);
    }
    expect(negativeSteps).toBeGreaterThan(1000);
    expect(collapsed).toBeGreaterThan(100);
  });

  it('draws diffusion rates |diffusion(1 + dtod ξ)| and reset biases reset + reset_dtod ξ', () => {
    const h = sample({ diffusion: 0.01, diffusion_dtod: 0.1, reset: 0.05, reset_dtod: 0.02 });
    expectMoments(h.diffusion_rates, 0.01, 0.001);
    expectMoments(h.reset_bias, 0.05, 0.02);
    expect(sample({}, 1, 2, 2).diffusion_rates).toEqual(new Float32Array(4));
  });

  it('gives decay scales 1 - 1/lifetime, 0 for lifetime <= 1 and 1 (no decay) for lifetime 0', () => {
    expect(Array.from(sample({ lifetime: 10 }, 1, 2, 2).decay_scales)).toEqual(Array(4).fill(Math.fround(0.9)));
    expect(Array.from(sample({ lifetime: 1 }, 1, 2, 2).decay_scales)).toEqual([0, 0, 0, 0]);
    expect(Array.from(sample({ lifetime: 0.5 }, 1, 2, 2).decay_scales)).toEqual([0, 0, 0, 0]);
    expect(Array.from(sample({ lifetime: 0 }, 1, 2, 2).decay_scales)).toEqual([1, 1, 1, 1]);
    const h = sample({ lifetime: 100, lifetime_dtod: 0.1 });
    const lifetimes = Float32Array.from(h.decay_scales, (s) => 1 / (1 - s));
    expectMoments(lifetimes, 100, 10);
  });

  it('draws drift exponents nu + nu_dtod·nu·ξ when drift is on, else 0', () => {
    const h = sample({ drift: { nu: 0.1, nu_dtod: 0.2 } });
    expectMoments(h.drift_nu, 0.1, 0.02);
    expect(sample({}, 1, 2, 2).drift_nu).toEqual(new Float32Array(4));
  });

  it('corrupts devices: stuck bounds inside the range, no steps', () => {
    const h = sample({ corrupt_devices_prob: 1, corrupt_devices_range: 0.1 }, 1, 20, 20);
    for (let k = 0; k < 400; k++) {
      expect(h.max_bound[k]).toBe(h.min_bound[k]);
      expect(Math.abs(h.max_bound[k]!)).toBeLessThanOrEqual(0.1 + 1e-7);
      expect(h.dwmin_up[k]).toBe(0);
      expect(h.dwmin_down[k]).toBe(0);
    }
    const some = sample({ corrupt_devices_prob: 0.25 }, 3, 100, 100);
    const stuck = some.dwmin_up.filter((v) => v === 0).length;
    expect(Math.abs(stuck - 2500)).toBeLessThan(5 * Math.sqrt(10000 * 0.25 * 0.75));
  });

  it('gives the last column exact steps and wide bounds with perfect_bias', () => {
    const h = sample({ perfect_bias: true, dw_min: 0.002 }, 1, 3, 4);
    for (let i = 0; i < 3; i++) {
      const k = i * 4 + 3;
      expect(h.dwmin_up[k]).toBe(Math.fround(0.002));
      expect(h.dwmin_down[k]).toBe(Math.fround(0.002));
      expect(h.max_bound[k]).toBe(Math.fround(60));
      expect(h.min_bound[k]).toBe(Math.fround(-60));
      expect(h.dwmin_up[i * 4]).not.toBe(Math.fround(0.002));
    }
  });

  it('uses construction_seed instead of the given generator when it is not 0', () => {
    const a = samplePulsedDevicePopulation(new ConstantStepDevice({ construction_seed: 42 }), 4, 5, new XoshiroRandom(1));
    const b = samplePulsedDevicePopulation(new ConstantStepDevice({ construction_seed: 42 }), 4, 5, new XoshiroRandom(2));
    const c = samplePulsedDevicePopulation(new ConstantStepDevice(), 4, 5, new XoshiroRandom(2));
    expect(a).toEqual(b);
    expect(c.max_bound).not.toEqual(b.max_bound);
  });

  it('rejects bounds that do not contain 0', () => {
    expect(() => sample({ w_min: 0.1, w_max: 0.6 }, 1, 2, 2)).toThrow(ConfigError);
    expect(() => sample({ w_min: -0.6, w_max: -0.1 }, 1, 2, 2)).toThrow(/must contain 0/);
  });

  it('clips weights to each device bounds and names a missing hidden array', () => {
    const state = emptyTileState(1, 3);
    state.hidden = { max_bound: Float32Array.from([0.5, 0.5, 0.5]), min_bound: Float32Array.from([-0.5, -0.2, -0.5]) };
    state.weights.set([1, -1, 0.25]);
    clipToPulsedDeviceBounds(state);
    expect(Array.from(state.weights)).toEqual([0.5, Math.fround(-0.2), 0.25]);
    expect(() => hiddenArray(emptyTileState(1, 3), 'max_bound')).toThrow(TileStateError);
  });
});
