import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../backends/tile-state.js';
import type { BoundDevice, DeviceModel, Pulser } from '../devices/device-model.js';
import { ConstantStepDeviceModel } from '../devices/models/constant-step-device-model.js';
import { IdealDeviceModel } from '../devices/models/ideal-device-model.js';
import { KernelError, ShapeError } from '../errors.js';
import { PulseType } from '../parameters/enums.js';
import { IdealDevice } from '../parameters/ideal-device.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';
import { UpdateParameters } from '../parameters/update-parameters.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { pulsedUpdateReference } from './pulsed-update.js';

const constantStep = new ConstantStepDeviceModel();

/** A constant-step device with exact steps of dw_min, no variation and bounds far away. */
function idealConstantStep(extra: Partial<Record<string, unknown>> = {}): ConstantStepDevice {
  return new ConstantStepDevice({
    dw_min: 0.001,
    dw_min_dtod: 0,
    dw_min_std: 0,
    up_down_dtod: 0,
    w_max: 100,
    w_min: -100,
    w_max_dtod: 0,
    w_min_dtod: 0,
    ...extra,
  });
}

function tile(rows: number, cols: number, params: ConstantStepDevice, seed = 1): { state: TileState; device: BoundDevice } {
  const state = emptyTileState(rows, cols);
  state.hidden = constantStep.sampleHidden(params, rows, cols, new XoshiroRandom(seed));
  return { state, device: { model: constantStep as DeviceModel, params } };
}

function run(state: TileState, device: BoundDevice, x: number[], d: number[], lr: number, update = new UpdateParameters(), rng = new XoshiroRandom(7)): void {
  const batch = x.length / state.cols;
  pulsedUpdateReference.run(state, { x: Float32Array.from(x), d: Float32Array.from(d), batch }, { update, lr, device, rng });
}

// x (3 inputs) and d (2 outputs) of the hand-computed cases: lr 0.01, dw_min 0.001 gives
// k = 0.01·0.8·0.6/0.001 = 4.8, so BL = 5 and p_j·q_i = 2·|x_j d_i| per slot.
const X = [0.5, -0.3, 0.8];
const D = [0.2, -0.6];
const LR = 0.01;

function sgd(x: number[], d: number[], lr: number): number[] {
  return d.flatMap((di) => x.map((xj) => -lr * di * xj));
}

describe('PulsedUpdate reference kernel', () => {
  it('moves a weight down when sign(x)·sign(d) > 0 and up otherwise (SGD sign)', () => {
    const update = new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT });
    for (const [x, d, dir] of [
      [1, 1, -1],
      [-1, 1, 1],
      [1, -1, 1],
      [-1, -1, -1],
    ] as const) {
      const { state, device } = tile(1, 1, idealConstantStep());
      run(state, device, [x], [d], 0.01, update);
      expect(Math.sign(state.weights[0]!)).toBe(dir);
      expect(Math.abs(state.weights[0]!)).toBeCloseTo(0.01, 6); // BL 10 slots, all fire
    }
  });

  it('STOCHASTIC_COMPRESSED: the mean of many updates is -lr·d xᵀ and the variance binomial', () => {
    const n = 20000;
    const { state, device } = tile(2, 3, idealConstantStep());
    const rng = new XoshiroRandom(11);
    const sum = new Float64Array(6);
    const sumSq = new Float64Array(6);
    for (let t = 0; t < n; t++) {
      const before = state.weights.slice();
      run(state, device, X, D, LR, new UpdateParameters(), rng);
      for (let k = 0; k < 6; k++) {
        const dw = state.weights[k]! - before[k]!;
        sum[k] += dw;
        sumSq[k] += dw * dw;
      }
    }
    const expected = sgd(X, D, LR);
    const g = 0.001;
    for (let k = 0; k < 6; k++) {
      const pq = 2 * Math.abs(X[k % 3]! * D[Math.floor(k / 3)]!);
      const variance = g * g * 5 * pq * (1 - pq); // Binomial(BL = 5, pq) pulses of size g
      const mean = sum[k]! / n;
      expect(Math.abs(mean - expected[k]!)).toBeLessThan(5 * Math.sqrt(variance / n));
      const sampleVar = sumSq[k]! / n - mean * mean;
      expect(sampleVar / variance).toBeGreaterThan(0.94);
      expect(sampleVar / variance).toBeLessThan(1.06);
    }
  });

  it('STOCHASTIC (separate ± trains) has the same mean', () => {
    const n = 4000;
    const { state, device } = tile(2, 3, idealConstantStep());
    const x: number[] = [];
    const d: number[] = [];
    for (let t = 0; t < n; t++) x.push(...X), d.push(...D);
    run(state, device, x, d, LR, new UpdateParameters({ pulse_type: PulseType.STOCHASTIC }));
    const expected = sgd(X, D, LR);
    for (let k = 0; k < 6; k++) {
      const pq = 2 * Math.abs(X[k % 3]! * D[Math.floor(k / 3)]!);
      const sigma = 0.001 * Math.sqrt(5 * pq * (1 - pq) * n);
      expect(Math.abs(state.weights[k]! - n * expected[k]!)).toBeLessThan(5 * sigma);
    }
  });

  it('saturates d probabilities (gradient clipping) when lr·max|x|·max|d|/g exceeds desired_bl', () => {
    // k = 0.1·1·0.5/0.001 = 50 > 31: every slot fires for both maxima, so exactly 31 pulses.
    const { state, device } = tile(1, 1, idealConstantStep());
    run(state, device, [1], [0.5], 0.1);
    expect(state.weights[0]).toBeCloseTo(-0.031, 6);
  });

  it('uses BL = ceil(lr/g) > desired_bl with fixed_bl and management off', () => {
    // A = B = 1, BL = 100: x = d = 1 fire in every slot, so exactly 100 down pulses.
    const { state, device } = tile(1, 1, idealConstantStep());
    const update = new UpdateParameters({ fixed_bl: false, update_bl_management: false, update_management: false });
    run(state, device, [1], [1], 0.1, update);
    expect(pulseCounts(state)).toEqual([-100]);
  });

  it('MEAN_COUNT gives the exact expected counts', () => {
    // BL 5, p_x = [0.612, 0.367, 0.980] -> counts [3, -2, 5]; q_d = [0.327, 0.980] -> [2, -5];
    // coincidences rint(n_i n_j / 5) = [[1, -1, 2], [-3, 2, -5]], each one pulse of 0.001 against the sign.
    const { state, device } = tile(2, 3, idealConstantStep());
    run(state, device, X, D, LR, new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }));
    expect(pulseCounts(state)).toEqual([-1, 1, -2, 3, -2, 5]);
  });

  it('DETERMINISTIC_IMPLICIT gives rint(BL·q_i·p_j), with x_res_implicit quantising p', () => {
    const a = tile(2, 3, idealConstantStep());
    run(a.state, a.device, X, D, LR, new UpdateParameters({ pulse_type: PulseType.DETERMINISTIC_IMPLICIT }));
    // 5·q·p = [[1.0, 0.6, 1.6], [3.0, 1.8, 4.8]]
    expect(pulseCounts(a.state)).toEqual([-1, 1, -2, 3, -2, 5]);

    for (const res of [0.25, 4]) {
      // p quantised to [0.5, 0.25, 1]: 5·q·p = [[0.82, 0.41, 1.63], [2.45, 1.22, 4.90]]
      const b = tile(2, 3, idealConstantStep());
      run(b.state, b.device, X, D, LR, new UpdateParameters({ pulse_type: PulseType.DETERMINISTIC_IMPLICIT, x_res_implicit: res }));
      expect(pulseCounts(b.state)).toEqual([-1, 0, -2, 2, -1, 5]);
    }
  });

  it('NONE is the exact W - lr·d xᵀ, ignores the device bounds and never pulses', () => {
    const params = idealConstantStep({ w_max: 0.001, w_min: -0.001 });
    const { state, device } = tile(2, 3, params);
    state.weights.set([0.5, -0.5, 0.25, 1, 2, -3]);
    const w0 = Array.from(state.weights);
    const spy = spyDevice(device);
    run(state, spy.device, [...X, 1, 2, 3], [...D, 10, -10], 0.5, new UpdateParameters({ pulse_type: PulseType.NONE }));
    const first = sgd(X, D, 0.5);
    const second = sgd([1, 2, 3], [10, -10], 0.5);
    w0.forEach((w, k) => expect(state.weights[k]).toBeCloseTo(w + first[k]! + second[k]!, 5));
    expect(spy.pulses).toBe(0);
    expect(spy.pulsers).toBe(0);
  });

  it('NONE_WITH_DEVICE clips to the device bounds after each sample', () => {
    const { state, device } = tile(1, 1, idealConstantStep({ w_max: 0.05, w_min: -0.05 }));
    // +0.1 (clipped to 0.05), then -0.1: per-sample clipping ends at -0.05 (a clip at the end would give 0).
    run(state, device, [1, 1], [-1, 1], 0.1, new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE }));
    expect(state.weights[0]).toBeCloseTo(-0.05, 7);
  });

  it('a floating-point device (IdealDevice) updates exactly whatever the pulse type', () => {
    const state = emptyTileState(2, 3);
    const device: BoundDevice = { model: new IdealDeviceModel() as DeviceModel, params: new IdealDevice() };
    run(state, device, X, D, 3, new UpdateParameters({ pulse_type: PulseType.STOCHASTIC_COMPRESSED }));
    sgd(X, D, 3).forEach((w, k) => expect(state.weights[k]).toBeCloseTo(w, 6));
  });

  it('skips samples with max|x| = 0 or max|d| = 0 without drawing random numbers', () => {
    const { state, device } = tile(2, 3, idealConstantStep());
    const spy = spyDevice(device);
    const rng = new XoshiroRandom(3);
    const before = rng.getState();
    run(state, spy.device, [0, 0, 0, ...X], [...D, 0, 0], LR, new UpdateParameters(), rng);
    expect(Array.from(state.weights)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(rng.getState()).toEqual(before);
    expect(spy.pulses).toBe(0);
    expect(spy.finishedSamples).toBe(2);
    expect(spy.finishedUpdates).toBe(1);
  });

  it('applies samples one after another: one call with two samples equals two calls', () => {
    const params = new ConstantStepDevice(); // default variation and cycle-to-cycle noise
    const a = tile(2, 3, params, 5);
    const b = tile(2, 3, params, 5);
    const x2 = [0.1, 0.9, -0.4];
    const d2 = [-0.7, 0.3];
    const rngA = new XoshiroRandom(9);
    const rngB = new XoshiroRandom(9);
    run(a.state, a.device, [...X, ...x2], [...D, ...d2], 0.05, new UpdateParameters(), rngA);
    run(b.state, b.device, X, D, 0.05, new UpdateParameters(), rngB);
    run(b.state, b.device, x2, d2, 0.05, new UpdateParameters(), rngB);
    expect(Array.from(a.state.weights)).toEqual(Array.from(b.state.weights));
    expect(a.state.weights.some((w) => w !== 0)).toBe(true);
  });

  it('creates one pulser per call and finishes every sample and the update', () => {
    const { state, device } = tile(2, 3, idealConstantStep());
    const spy = spyDevice(device);
    run(state, spy.device, [...X, ...X, ...X], [...D, ...D, ...D], LR, new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }));
    expect(spy.pulsers).toBe(1);
    expect(spy.finishedSamples).toBe(3);
    expect(spy.finishedUpdates).toBe(1);
    expect(spy.pulses).toBe(3 * (1 + 1 + 2 + 3 + 2 + 5));
  });

  it('a negative learning rate reverses the update; lr = 0 does nothing', () => {
    const { state, device } = tile(1, 1, idealConstantStep());
    run(state, device, [1], [1], -0.01, new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }));
    expect(state.weights[0]).toBeCloseTo(0.01, 6);
    run(state, device, [1], [1], 0);
    expect(state.weights[0]).toBeCloseTo(0.01, 6);
  });

  it('rejects inputs of the wrong size and a call without a tile', () => {
    const { state, device } = tile(2, 3, idealConstantStep());
    const attrs = { update: new UpdateParameters(), lr: 0.1, device, rng: new XoshiroRandom(1) };
    expect(() => pulsedUpdateReference.run(state, { x: new Float32Array(4), d: new Float32Array(2), batch: 1 }, attrs)).toThrow(ShapeError);
    expect(() => pulsedUpdateReference.run(state, { x: new Float32Array(3), d: new Float32Array(3), batch: 1 }, attrs)).toThrow(ShapeError);
    expect(() => pulsedUpdateReference.run(undefined, { x: new Float32Array(3), d: new Float32Array(2), batch: 1 }, attrs)).toThrow(KernelError);
  });
});

/** Net signed pulse count (+ = up) of each device of an exact 0.001-step tile started at 0. */
function pulseCounts(state: TileState): number[] {
  return Array.from(state.weights, (w) => Math.round(w / 0.001) + 0);
}

function spyDevice(device: BoundDevice) {
  const spy = { pulses: 0, pulsers: 0, finishedSamples: 0, finishedUpdates: 0, device };
  const model: DeviceModel = {
    ...device.model,
    kind: device.model.kind,
    parameterClass: device.model.parameterClass,
    defaults: () => device.model.defaults(),
    validate: (p) => device.model.validate(p),
    hiddenNames: (p) => device.model.hiddenNames(p),
    sampleHidden: (p, r, c, g) => device.model.sampleHidden(p, r, c, g),
    granularity: (p) => device.model.granularity(p),
    applyBounds: (p, s) => device.model.applyBounds(p, s),
    createPulser(p, s, g): Pulser {
      spy.pulsers++;
      const inner = device.model.createPulser(p, s, g);
      return {
        pulse(idx, dir) {
          spy.pulses++;
          inner.pulse(idx, dir);
        },
        finishSample: () => void spy.finishedSamples++,
        finishUpdate: () => void spy.finishedUpdates++,
      };
    },
  };
  spy.device = { model, params: device.params };
  return spy;
}
