import {
  ConstantStepDevice,
  IdealDevice,
  PulseType,
  ShapeError,
  UpdateParameters,
  XoshiroRandom,
  type BoundDevice,
  type ComputeBackend,
  type TileState,
} from '@analogkit/core';
import { maxRelativeDeviation, meanVariance, unknownDeviceModel } from '@analogkit/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends, uniformArray, withTile, type TestBackends } from '../testing/onnx-test-support.js';

let env: TestBackends;
beforeAll(async () => {
  env = await testBackends();
});

/** A constant-step device without device-to-device variation. */
const uniformDevice = (init: ConstructorParameters<typeof ConstantStepDevice>[0] = {}) =>
  new ConstantStepDevice({ dw_min_dtod: 0, up_down_dtod: 0, w_max_dtod: 0, w_min_dtod: 0, ...init });

function deviceState(device: BoundDevice, rows: number, cols: number, weights: Float32Array): TileState {
  const state: TileState = { rows, cols, weights, hidden: device.model.sampleHidden(device.params, rows, cols, new XoshiroRandom(4)), aux: {} };
  device.model.applyBounds(device.params, state);
  return state;
}

interface UpdateCase {
  device: BoundDevice;
  update: UpdateParameters;
  lr: number;
  state: TileState;
  x: Float32Array;
  d: Float32Array;
  batch: number;
}

/** The weights after one update call on `backend`, from a copy of the case's state. */
async function updated(backend: ComputeBackend, c: UpdateCase, seed = 21): Promise<Float32Array> {
  const copy: TileState = { ...c.state, weights: c.state.weights.slice() };
  const { state } = await withTile(backend, copy, (tile) =>
    env.runtime.runKernel(backend, 'PulsedUpdate', { tile, x: c.x, d: c.d, batch: c.batch }, { update: c.update, lr: c.lr, device: c.device, rng: new XoshiroRandom(seed) }),
  );
  return state.weights;
}

describe('onnx PulsedUpdate matches the reference where it is deterministic', () => {
  const rows = 9;
  const cols = 11;
  const batch = 12;
  const cases: [string, UpdateParameters, number][] = [
    ['NONE (exact GEMM)', new UpdateParameters({ pulse_type: PulseType.NONE }), 0.1],
    ['NONE_WITH_DEVICE (bounds after every sample)', new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE }), 0.1],
    ['MEAN_COUNT', new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }), 0.1],
    ['MEAN_COUNT with a negative learning rate', new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }), -0.1],
    ['MEAN_COUNT with probability resolution', new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT, res: 0.1 }), 0.1],
    ['DETERMINISTIC_IMPLICIT', new UpdateParameters({ pulse_type: PulseType.DETERMINISTIC_IMPLICIT }), 0.1],
    ['DETERMINISTIC_IMPLICIT with x and d resolutions', new UpdateParameters({ pulse_type: PulseType.DETERMINISTIC_IMPLICIT, x_res_implicit: 0.1, d_res_implicit: 0.2 }), 0.1],
  ];
  for (const [label, update, lr] of cases) {
    it(`${label}, with devices passing their bounds within the batch`, async () => {
      // Steps of 0.01 and weights within +-0.55 of the bounds +-0.6: many devices reach a bound and come back.
      const device = env.runtime.devices.bind(uniformDevice({ dw_min_std: 0, dw_min: 0.01 }));
      const c: UpdateCase = {
        device,
        update,
        lr,
        state: deviceState(device, rows, cols, uniformArray(rows * cols, 31, -0.55, 0.55)),
        x: uniformArray(batch * cols, 32),
        d: uniformArray(batch * rows, 33),
        batch,
      };
      expect(maxRelativeDeviation(await updated(env.onnx, c), await updated(env.reference, c))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('applies the bounds after every sample: up past the bound, then down', async () => {
    const device = env.runtime.devices.bind(uniformDevice({ w_max: 0.6, w_min: -0.6 }));
    const c: UpdateCase = {
      device,
      update: new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE }),
      lr: 0.1,
      state: deviceState(device, 1, 1, Float32Array.of(0.5)),
      x: Float32Array.of(1, 1),
      d: Float32Array.of(-2, 2),
      batch: 2,
    };
    // 0.5 + 0.2 clips to 0.6, then 0.6 - 0.2 = 0.4 (clipping once per batch would give 0.5).
    expect((await updated(env.onnx, c))[0]).toBeCloseTo(0.4, 6);
    expect((await updated(env.reference, c))[0]).toBeCloseTo(0.4, 6);
  });

  it('updates floating-point devices exactly whatever the pulse type', async () => {
    const device = env.runtime.devices.bind(new IdealDevice());
    const c: UpdateCase = { device, update: new UpdateParameters(), lr: 0.1, state: { rows, cols, weights: uniformArray(rows * cols, 34), hidden: {}, aux: {} }, x: uniformArray(batch * cols, 35), d: uniformArray(batch * rows, 36), batch };
    expect(maxRelativeDeviation(await updated(env.onnx, c), await updated(env.reference, c))).toBeLessThanOrEqual(1e-5);
  });
});

/**
 * Every device identical: |x_j| = 0.8 and |d_i| = 0.6 with fixed random signs, BL 31 without
 * update management, so each device's coincidences per sample are Binomial(31, p) with
 * p = (B 0.8)(A 0.6), A = B = sqrt(lr / (dw_min 31)).
 */
function identicalDevicesCase(rows: number, cols: number, batch: number, device: BoundDevice, start: number, dSigns: (s: number, i: number) => number): UpdateCase {
  const signs = new XoshiroRandom(41);
  const xSigns = Float32Array.from({ length: cols }, () => (signs.uniform() < 0.5 ? -1 : 1));
  const x = new Float32Array(batch * cols);
  const d = new Float32Array(batch * rows);
  for (let s = 0; s < batch; s++) {
    for (let j = 0; j < cols; j++) x[s * cols + j] = 0.8 * xSigns[j]!;
    for (let i = 0; i < rows; i++) d[s * rows + i] = 0.6 * dSigns(s, i);
  }
  const update = new UpdateParameters({ desired_bl: 31, update_bl_management: false, update_management: false });
  return { device, update, lr: 0.01, state: deviceState(device, rows, cols, new Float32Array(rows * cols).fill(start)), x, d, batch };
}

describe('onnx PulsedUpdate keeps the pulse-by-pulse statistics', () => {
  const rows = 40;
  const cols = 50;
  const batch = 64;
  const scale = Math.sqrt(0.01 / (0.001 * 31));
  const p = Math.fround(0.8 * Math.fround(scale)) * Math.fround(0.6 * Math.fround(scale));

  it('far from the bounds: mean and variance of the change match the binomial counts with step noise', async () => {
    const sigma = 1;
    const device = env.runtime.devices.bind(uniformDevice({ dw_min_std: sigma, w_max: 100, w_min: -100 }));
    const dSigns = new XoshiroRandom(42);
    const rowSigns = Float32Array.from({ length: rows }, () => (dSigns.uniform() < 0.5 ? -1 : 1));
    const c = identicalDevicesCase(rows, cols, batch, device, 0, (_, i) => rowSigns[i]!);
    const pulses = batch * 31;
    const expectedMean = 0.001 * pulses * p;
    const expectedVar = 1e-6 * (pulses * p * (1 - p) + sigma * sigma * pulses * p);
    // Devices share bit lines, so one seed's device statistics scatter more than 1/sqrt(n) says:
    // average over seeds and judge by the seed-to-seed spread.
    const means: number[] = [];
    const ratios: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const after = await updated(env.onnx, c, seed);
      // Down steps where sign(d_i) sign(x_j) > 0: flip those so every device moves "up".
      const change = after.map((w, k) => w * -Math.sign(c.d[Math.floor(k / cols)]! * c.x[k % cols]!));
      const { mean, variance } = meanVariance(change);
      means.push(mean / expectedMean);
      ratios.push(variance / expectedVar);
    }
    const mean = meanVariance(means);
    const ratio = meanVariance(ratios);
    expect(Math.abs(mean.mean - 1)).toBeLessThanOrEqual(4 * Math.sqrt(mean.variance / 8) + 0.002);
    expect(Math.abs(ratio.mean - 1)).toBeLessThanOrEqual(4 * Math.sqrt(ratio.variance / 8) + 0.02);
  });

  for (const sigma of [0, 0.3, 1]) {
    it(`next to a bound, moving both ways (dw_min_std ${sigma}): same mean and spread as pulse by pulse`, async () => {
      const device = env.runtime.devices.bind(uniformDevice({ dw_min_std: sigma, w_max: 0.6, w_min: -0.6 }));
      // Every device starts 0.01 below its upper bound; d alternates sign per sample, so the
      // devices are replayed sample by sample and clipped once per sample instead of per pulse.
      const c = identicalDevicesCase(rows, cols, batch, device, 0.59, (s) => (s % 2 === 0 ? 1 : -1));
      // Devices share bit lines, so their mean varies more from seed to seed than 1/sqrt(n)
      // says: compare over seeds, with the spread of the per-seed values as the error.
      const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
      const stats = async (backend: ComputeBackend) => {
        const means: number[] = [];
        const stds: number[] = [];
        for (const seed of seeds) {
          const { mean, variance } = meanVariance(await updated(backend, c, seed));
          means.push(mean);
          stds.push(Math.sqrt(variance));
        }
        return { mean: meanVariance(means), std: meanVariance(stds) };
      };
      const onnx = await stats(env.onnx);
      const ref = await stats(env.reference);
      const se = (a: { variance: number }, b: { variance: number }) => Math.sqrt((a.variance + b.variance) / seeds.length);
      expect(Math.abs(onnx.mean.mean - ref.mean.mean)).toBeLessThanOrEqual(4 * se(onnx.mean, ref.mean));
      expect(Math.abs(onnx.std.mean - ref.std.mean)).toBeLessThanOrEqual(Math.max(4 * se(onnx.std, ref.std), 0.03 * ref.std.mean));
    });
  }
});

describe('onnx PulsedUpdate plumbing', () => {
  const rows = 6;
  const cols = 7;
  const batch = 5;
  const defaultCase = (device: BoundDevice): UpdateCase => ({
    device,
    update: new UpdateParameters(),
    lr: 0.02,
    state: deviceState(device, rows, cols, uniformArray(rows * cols, 51, -0.3, 0.3)),
    x: uniformArray(batch * cols, 52),
    d: uniformArray(batch * rows, 53),
    batch,
  });

  it('runs device kinds it does not know through the reference kernel', async () => {
    const c = defaultCase({ model: unknownDeviceModel(), params: new ConstantStepDevice() });
    const onnx = await updated(env.onnx, c);
    expect(Array.from(onnx)).toEqual(Array.from(await updated(env.reference, c)));
    expect(Array.from(onnx)).not.toEqual(Array.from(c.state.weights));
  });

  it('repeats with the same seed, differs with another, and builds its graph once', async () => {
    const c = defaultCase(env.runtime.devices.bind(new ConstantStepDevice()));
    const first = await updated(env.onnx, c, 5);
    const sessions = env.onnx.numSessions();
    expect(Array.from(await updated(env.onnx, c, 5))).toEqual(Array.from(first));
    expect(Array.from(await updated(env.onnx, c, 6))).not.toEqual(Array.from(first));
    expect(env.onnx.numSessions()).toBe(sessions);
  });

  it('keeps updating the same tile across calls (weights swap buffers)', async () => {
    const device = env.runtime.devices.bind(uniformDevice({ dw_min_std: 0, w_max: 10, w_min: -10 }));
    const c = { ...defaultCase(device), update: new UpdateParameters({ pulse_type: PulseType.NONE }) };
    const tile = env.onnx.allocateTile({ ...c.state, weights: c.state.weights.slice() });
    const rng = new XoshiroRandom(1);
    for (let k = 0; k < 3; k++) {
      await env.runtime.runKernel(env.onnx, 'PulsedUpdate', { tile, x: c.x, d: c.d, batch }, { update: c.update, lr: c.lr, device, rng });
    }
    const after = (await env.onnx.readTile(tile)).weights;
    env.onnx.disposeTile(tile);
    // Three exact updates: W - 3 lr sum_b d_b x_b^T.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let g = 0;
        for (let s = 0; s < batch; s++) g += c.d[s * rows + i]! * c.x[s * cols + j]!;
        expect(after[i * cols + j]).toBeCloseTo(c.state.weights[i * cols + j]! - 3 * c.lr * g, 5);
      }
    }
  });

  it('rejects mismatched x and d without touching the weights', async () => {
    const c = defaultCase(env.runtime.devices.bind(new ConstantStepDevice()));
    const tile = env.onnx.allocateTile({ ...c.state, weights: c.state.weights.slice() });
    const call = env.runtime.runKernel(env.onnx, 'PulsedUpdate', { tile, x: c.x, d: c.d.subarray(1), batch }, { update: c.update, lr: c.lr, device: c.device, rng: new XoshiroRandom(1) });
    await expect(call).rejects.toThrow(ShapeError);
    expect(Array.from((await env.onnx.readTile(tile)).weights)).toEqual(Array.from(c.state.weights));
    env.onnx.disposeTile(tile);
  });
});
