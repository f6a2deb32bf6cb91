import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../../backends/tile-state.js';
import { ConfigError, KernelError, TileStateError } from '../../errors.js';
import { DriftParameter } from '../../parameters/drift-parameter.js';
import { ConstantStepDevice } from '../../parameters/pulsed-device-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { decayWeightsReference } from '../../reference/decay-weights.js';
import { diffuseWeightsReference } from '../../reference/diffuse-weights.js';
import { driftWeightsReference } from '../../reference/drift-weights.js';
import { resetColumnsReference } from '../../reference/reset-columns.js';
import type { BoundDevice, DeviceModel } from '../device-model.js';
import { DRIFT_AUX } from './drift.js';
import { resetColumnMask } from './reset-columns.js';
import { meanStd } from '../../testing/statistics.js';

/* The default pulsed-device time effects, run through their reference kernels on hand-built tiles. */

type Hidden = 'max_bound' | 'min_bound' | 'decay_scales' | 'diffusion_rates' | 'reset_bias' | 'drift_nu';

/** A tile with the given weights and hidden arrays, each given as one value or one per device. */
function tile(rows: number, cols: number, weights: number | number[], hidden: Partial<Record<Hidden, number | number[]>> = {}): TileState {
  const state = emptyTileState(rows, cols);
  const fill = (v: number | number[]): Float32Array => (typeof v === 'number' ? new Float32Array(rows * cols).fill(v) : Float32Array.from(v));
  state.weights = fill(weights);
  const defaults: Record<Hidden, number> = { max_bound: 1, min_bound: -1, decay_scales: 1, diffusion_rates: 0, reset_bias: 0, drift_nu: 0 };
  for (const name of Object.keys(defaults) as Hidden[]) state.hidden[name] = fill(hidden[name] ?? defaults[name]);
  return state;
}

/** A device whose model has no time effects of its own, so the kernels use the defaults. */
function device(params = new ConstantStepDevice()): BoundDevice {
  return { model: { kind: 'bare-test-model' } as unknown as DeviceModel, params };
}


const rng = () => new XoshiroRandom(1234);
const decay = (state: TileState, alpha = 1, dev = device()) => decayWeightsReference.run(state, {}, { alpha, device: dev, rng: rng() });
const diffuse = (state: TileState, r = rng()) => diffuseWeightsReference.run(state, {}, { device: device(), rng: r });
const drift = (state: TileState, deltaT: number, p: DriftParameter, r = rng()) =>
  driftWeightsReference.run(state, {}, { deltaT, drift: p, device: device(new ConstantStepDevice({ drift: p })), rng: r });
const reset = (state: TileState, start: number, count: number, prob: number, params = new ConstantStepDevice({ reset_std: 0 }), r = rng()) =>
  resetColumnsReference.run(state, {}, { start, count, prob, device: device(params), rng: r });

describe('DecayWeights (default pulsed decay)', () => {
  it('lifetime 10 (decay scale 0.9) multiplies the weights by 0.9 with a zero reset bias', () => {
    const s = tile(2, 3, [0.5, -0.5, 0.2, -0.1, 0, 0.9], { decay_scales: 0.9 });
    decay(s);
    [0.5, -0.5, 0.2, -0.1, 0, 0.9].forEach((w, i) => expect(s.weights[i]).toBeCloseTo(w * 0.9, 6));
  });

  it('relaxes towards each device reset bias: (w - b)(1 - alpha(1 - d)) + b', () => {
    const s = tile(1, 2, [0.5, -0.5], { decay_scales: 0.9, reset_bias: [0.2, -0.1] });
    decay(s);
    expect(s.weights[0]).toBeCloseTo((0.5 - 0.2) * 0.9 + 0.2, 6);
    expect(s.weights[1]).toBeCloseTo((-0.5 + 0.1) * 0.9 - 0.1, 6);
  });

  it('alpha scales the decay rate', () => {
    const s = tile(1, 1, 0.5, { decay_scales: 0.9 });
    decay(s, 2);
    expect(s.weights[0]).toBeCloseTo(0.5 * 0.8, 6);
  });

  it('a decay scale of 0 (lifetime <= 1) moves the weight to its reset bias in one call', () => {
    const s = tile(1, 2, [0.5, -0.7], { decay_scales: 0, reset_bias: [0.1, 0.3] });
    decay(s);
    expect(Array.from(s.weights)).toEqual([Math.fround(0.1), Math.fround(0.3)]);
  });

  it('a decay scale of 1 (lifetime 0) leaves the weights', () => {
    const s = tile(1, 2, [0.5, -0.7]);
    decay(s);
    expect(Array.from(s.weights)).toEqual([Math.fround(0.5), Math.fround(-0.7)]);
  });

  it('clips the result to the device bounds', () => {
    const s = tile(1, 2, [0.5, -0.5], { decay_scales: 0, reset_bias: [0.8, -0.8], max_bound: 0.6, min_bound: -0.4 });
    decay(s);
    expect(Array.from(s.weights)).toEqual([Math.fround(0.6), Math.fround(-0.4)]);
  });

  it('uses a device model’s own decay when it has one (plugin override)', () => {
    const calls: number[] = [];
    const model = { kind: 'custom', decay: (_p: unknown, st: TileState, alpha: number) => (calls.push(alpha), st.weights.fill(7)) };
    const s = emptyTileState(1, 2); // no hidden arrays: the default would throw
    decay(s, 0.5, { model: model as unknown as DeviceModel, params: new ConstantStepDevice() });
    expect(calls).toEqual([0.5]);
    expect(Array.from(s.weights)).toEqual([7, 7]);
  });

  it('names the missing hidden array when the tile has none', () => {
    expect(() => decay(emptyTileState(1, 2))).toThrow(TileStateError);
    expect(() => decay(emptyTileState(1, 2))).toThrow(/decay_scales/);
  });

  it('needs a tile state', () => {
    expect(() => decayWeightsReference.run(undefined, {}, { alpha: 1, device: device(), rng: rng() })).toThrow(KernelError);
  });
});

describe('DiffuseWeights (default pulsed diffusion)', () => {
  it('adds noise whose std is the per-device rate (within 0.9-1.1x) and mean 0', () => {
    const rows = 100;
    const cols = 200;
    const rates = Array.from({ length: rows * cols }, (_, i) => (Math.floor(i / cols) < rows / 2 ? 0.01 : 0.03));
    const s = tile(rows, cols, 0, { diffusion_rates: rates, max_bound: 10, min_bound: -10 });
    diffuse(s);
    const half = (rows / 2) * cols;
    const low = meanStd(s.weights.subarray(0, half));
    const high = meanStd(s.weights.subarray(half));
    expect(low.std).toBeGreaterThan(0.9 * 0.01);
    expect(low.std).toBeLessThan(1.1 * 0.01);
    expect(high.std).toBeGreaterThan(0.9 * 0.03);
    expect(high.std).toBeLessThan(1.1 * 0.03);
    expect(Math.abs(low.mean)).toBeLessThan((5 * 0.01) / Math.sqrt(half));
  });

  it('clips to the device bounds', () => {
    const s = tile(50, 50, 0.99, { diffusion_rates: 0.1 });
    diffuse(s);
    expect(Math.max(...s.weights)).toBe(1);
    expect(Math.min(...s.weights)).toBeGreaterThan(0.5);
  });

  it('is reproducible for a fixed seed', () => {
    const a = tile(4, 4, 0, { diffusion_rates: 0.1 });
    const b = tile(4, 4, 0, { diffusion_rates: 0.1 });
    diffuse(a, new XoshiroRandom(5));
    diffuse(b, new XoshiroRandom(5));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });
});

describe('DriftWeights (default pulsed drift)', () => {
  const nu01 = () => new DriftParameter({ nu: 0.1 });

  it('nu 0.1, dt 2 scales the weights by 2^-0.1 on the first call', () => {
    const s = tile(2, 2, [0.5, -0.3, 0.2, 0.8], { drift_nu: 0.1 });
    drift(s, 2, nu01());
    [0.5, -0.3, 0.2, 0.8].forEach((w, i) => expect(s.weights[i]).toBeCloseTo(Math.fround(w) * 2 ** -0.1, 6));
  });

  it('after k calls the weights are w0 (k dt)^-nu (the clock accumulates)', () => {
    const s = tile(1, 2, [0.5, -0.3], { drift_nu: 0.1 });
    for (let k = 1; k <= 5; k++) {
      drift(s, 2, nu01());
      expect(s.weights[0]).toBeCloseTo(0.5 * (2 * k) ** -0.1, 6);
      expect(s.weights[1]).toBeCloseTo(-0.3 * (2 * k) ** -0.1, 6);
    }
    expect(s.aux[DRIFT_AUX.t]).toEqual(Float32Array.from([10]));
    expect(Array.from(s.aux[DRIFT_AUX.tij]!)).toEqual([0, 0]);
    expect(s.aux[DRIFT_AUX.w0]![0]).toBe(Math.fround(0.5));
  });

  it('counts time in units of t_0', () => {
    const p = new DriftParameter({ nu: 0.1, t_0: 2 });
    const s = tile(1, 1, 0.5, { drift_nu: 0.1 });
    drift(s, 6, p);
    expect(s.weights[0]).toBeCloseTo(0.5 * 3 ** -0.1, 6);
  });

  it('clamps the elapsed time at 1 (t_0): no drift before it', () => {
    const s = tile(1, 1, 0.5, { drift_nu: 0.1 });
    drift(s, 0.5, nu01());
    expect(s.weights[0]).toBe(Math.fround(0.5));
    drift(s, 0.5, nu01());
    expect(s.weights[0]).toBe(Math.fround(0.5));
    drift(s, 0.5, nu01());
    expect(s.weights[0]).toBeCloseTo(0.5 * 1.5 ** -0.1, 6);
  });

  it('an external change restarts that element’s clock from its new weight', () => {
    const s = tile(1, 2, [0.5, 0.5], { drift_nu: 0.1 });
    drift(s, 2, nu01());
    drift(s, 2, nu01()); // t = 4
    s.weights[0] = 0.3; // e.g. an update
    drift(s, 2, nu01()); // t = 6: element 0 restarts, element 1 keeps drifting
    expect(s.weights[0]).toBe(Math.fround(0.3));
    expect(s.weights[1]).toBeCloseTo(0.5 * 6 ** -0.1, 6);
    expect(s.aux[DRIFT_AUX.tij]![0]).toBe(6);
    drift(s, 3, nu01()); // t = 9
    expect(s.weights[0]).toBeCloseTo(0.3 * 3 ** -0.1, 6);
    expect(s.weights[1]).toBeCloseTo(0.5 * 9 ** -0.1, 6);
  });

  it('changes within reset_tol do not restart the clock', () => {
    const p = new DriftParameter({ nu: 0.1, reset_tol: 1e-3 });
    const s = tile(1, 1, 0.5, { drift_nu: 0.1 });
    drift(s, 2, p);
    s.weights[0] = s.weights[0]! + 5e-4;
    drift(s, 2, p);
    expect(s.weights[0]).toBeCloseTo(0.5 * 4 ** -0.1, 6);
  });

  it('uses the per-device exponents of the hidden array drift_nu', () => {
    const s = tile(1, 2, [0.5, 0.5], { drift_nu: [0.1, 0.3] });
    drift(s, 10, nu01());
    expect(s.weights[0]).toBeCloseTo(0.5 * 10 ** -0.1, 6);
    expect(s.weights[1]).toBeCloseTo(0.5 * 10 ** -0.3, 6);
  });

  it('does nothing (and keeps no clock) unless nu > 0', () => {
    for (const nu of [0, -0.1]) {
      const s = tile(1, 1, 0.5, { drift_nu: 0.2 });
      drift(s, 10, new DriftParameter({ nu }));
      expect(s.weights[0]).toBe(Math.fround(0.5));
      expect(s.aux[DRIFT_AUX.t]).toBeUndefined();
    }
  });

  it('adds the offset term: w0 s + a (s - 1) with a = g_offset wg_ratio + w_offset', () => {
    const p = new DriftParameter({ nu: 0.1, g_offset: 0.5, wg_ratio: 2, w_offset: 0.1 });
    const s = tile(1, 1, 0.5, { drift_nu: 0.1 });
    drift(s, 10, p);
    const sc = 10 ** -0.1;
    expect(s.weights[0]).toBeCloseTo(0.5 * sc + 1.1 * (sc - 1), 6);
  });

  it('makes nu depend on the weight through nu_k and log_g0', () => {
    const p = new DriftParameter({ nu: 0.1, nu_k: 0.05, log_g0: 0.2, w_offset: 0.1, wg_ratio: 2, g_offset: 0.3 });
    const s = tile(1, 1, 0.5, { drift_nu: 0.1 });
    drift(s, 10, p);
    const a = 0.3 * 2 + 0.1;
    const nu = 0.1 - 0.05 * Math.log((0.5 - 0.1) / 2 + 0.3) + 0.05 * 0.2;
    const sc = 10 ** -nu;
    expect(s.weights[0]).toBeCloseTo(0.5 * sc + a * (sc - 1), 6);
  });

  it('nu_std varies nu from call to call with std nu_std * nu', () => {
    const n = 20000;
    const p = new DriftParameter({ nu: 0.1, nu_std: 0.5 });
    const s = tile(1, n, 0.5, { drift_nu: 0.1 });
    drift(s, 10, p);
    const nus = Array.from(s.weights, (w) => -Math.log(w / Math.fround(0.5)) / Math.log(10));
    const { mean, std } = meanStd(nus);
    expect(Math.abs(mean - 0.1)).toBeLessThan((5 * 0.05) / Math.sqrt(n));
    expect(std).toBeGreaterThan(0.9 * 0.05);
    expect(std).toBeLessThan(1.1 * 0.05);
  });

  it('w_noise_std adds read noise after the drift, without restarting the clock next call', () => {
    const n = 20000;
    const p = new DriftParameter({ nu: 0.1, w_noise_std: 0.01 });
    const s = tile(1, n, 0.5, { drift_nu: 0.1 });
    drift(s, 2, p);
    const first = meanStd(Array.from(s.weights, (w) => w - 0.5 * 2 ** -0.1));
    expect(first.std).toBeGreaterThan(0.9 * 0.01);
    expect(first.std).toBeLessThan(1.1 * 0.01);
    drift(s, 2, p, new XoshiroRandom(77));
    const second = meanStd(Array.from(s.weights, (w) => w - 0.5 * 4 ** -0.1));
    expect(Math.abs(second.mean)).toBeLessThan((5 * 0.01) / Math.sqrt(n));
    expect(second.std).toBeLessThan(1.1 * 0.01);
    expect(Math.max(...s.aux[DRIFT_AUX.tij]!)).toBe(0);
  });

  it('clips weights and stored previous weights to the bounds, so clipping does not restart the clock', () => {
    const s = tile(1, 1, 0.5, { drift_nu: -0.5, max_bound: 0.6 });
    drift(s, 10, nu01());
    expect(s.weights[0]).toBe(Math.fround(0.6));
    expect(s.aux[DRIFT_AUX.prev]![0]).toBe(Math.fround(0.6));
    drift(s, 10, nu01());
    expect(s.weights[0]).toBe(Math.fround(0.6));
    expect(s.aux[DRIFT_AUX.tij]![0]).toBe(0);
  });

  it('rejects a negative or non-finite time step', () => {
    expect(() => drift(tile(1, 1, 0.5), -1, nu01())).toThrow(ConfigError);
    expect(() => drift(tile(1, 1, 0.5), Number.NaN, nu01())).toThrow(ConfigError);
  });
});

describe('ResetColumns (default pulsed reset)', () => {
  it('selects columns with wrap-around; a negative count or one >= cols means all', () => {
    expect(Array.from(resetColumnMask(5, 3, 4))).toEqual([1, 1, 0, 1, 1]);
    expect(Array.from(resetColumnMask(5, 1, 2))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(resetColumnMask(5, 2, -1))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(resetColumnMask(5, 2, 9))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(resetColumnMask(5, 7, 1))).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(resetColumnMask(5, 0, 0))).toEqual([0, 0, 0, 0, 0]);
  });

  it('sets the selected columns to the per-device reset bias, leaving the others', () => {
    const bias = Array.from({ length: 10 }, (_, i) => i / 100);
    const s = tile(2, 5, 0.5, { reset_bias: bias });
    reset(s, 3, 3, 1);
    expect(Array.from(s.weights)).toEqual([0, 0.5, 0.5, 0.03, 0.04, 0.05, 0.5, 0.5, 0.08, 0.09].map(Math.fround));
  });

  it('adds reset_std noise from the device parameters and clips to the bounds', () => {
    const n = 20000;
    const s = tile(n, 1, 0.5, { reset_bias: 0.2 });
    reset(s, 0, 1, 1, new ConstantStepDevice({ reset_std: 0.05 }));
    const { mean, std } = meanStd(s.weights);
    expect(Math.abs(mean - 0.2)).toBeLessThan((5 * 0.05) / Math.sqrt(n));
    expect(std).toBeGreaterThan(0.9 * 0.05);
    expect(std).toBeLessThan(1.1 * 0.05);
    const clipped = tile(1, 2, 0, { reset_bias: [2, -2] });
    reset(clipped, 0, -1, 1);
    expect(Array.from(clipped.weights)).toEqual([1, -1]);
  });

  it('resets each device with probability prob', () => {
    const n = 20000;
    const s = tile(n, 2, 0.5, { reset_bias: 0 });
    reset(s, 1, 1, 0.3);
    let resetCount = 0;
    for (let r = 0; r < n; r++) {
      expect(s.weights[r * 2]).toBe(Math.fround(0.5));
      if (s.weights[r * 2 + 1] === 0) resetCount++;
    }
    expect(Math.abs(resetCount / n - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
  });

  it('rejects a probability outside [0, 1]', () => {
    expect(() => reset(tile(1, 1, 0), 0, 1, 1.5)).toThrow(ConfigError);
  });
});
