import {
  cloneTileState,
  ConfigError,
  ConstantStepDevice,
  DriftParameter,
  WeightClipParameter,
  WeightClipType,
  XoshiroRandom,
  type BoundDevice,
  type ComputeBackend,
  type KernelName,
  type ParameterInit,
  type TileHandle,
  type TileState,
} from '@analogkit/core';
import { maxRelativeDeviation, meanStd } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../test-support.js';

const env = sideBySide();

function pulsedTile(params: ConstantStepDevice, rows: number, cols: number, seed = 1): { state: TileState; device: BoundDevice } {
  const device = env.runtime.devices.bind(params);
  const rng = new XoshiroRandom(seed);
  const hidden = device.model.sampleHidden(params, rows, cols, rng);
  const weights = Float32Array.from({ length: rows * cols }, () => Math.fround((rng.uniform() * 2 - 1) * 0.5));
  const state = { rows, cols, weights, hidden, aux: {} };
  device.model.applyBounds(params, state, rng);
  return { state, device };
}

type Op = (backend: ComputeBackend, tile: TileHandle, rng: XoshiroRandom) => Promise<unknown>;

async function apply(backend: ComputeBackend, state: TileState, ops: Op[], seed = 3): Promise<TileState> {
  const tile = backend.allocateTile(state);
  const rng = new XoshiroRandom(seed);
  try {
    for (const op of ops) await op(backend, tile, rng);
    return await backend.readTile(tile);
  } finally {
    backend.disposeTile(tile);
  }
}

async function expectLikeReference(state: TileState, ops: Op[], kernel: KernelName): Promise<TileState> {
  const before = env.gpujs.kernelRuns().native[kernel] ?? 0;
  const expected = await apply(env.reference, cloneTileState(state), ops);
  const actual = await apply(env.gpujs, cloneTileState(state), ops);
  expect(env.gpujs.kernelRuns().native[kernel]).toBeGreaterThan(before);
  expect(maxRelativeDeviation(actual.weights, expected.weights)).toBeLessThanOrEqual(env.gpujs.precision.tolerance);
  expect(Object.keys(actual.aux).sort()).toEqual(Object.keys(expected.aux).sort());
  for (const key of Object.keys(expected.aux)) expect(maxRelativeDeviation(actual.aux[key]!, expected.aux[key]!)).toBeLessThanOrEqual(env.gpujs.precision.tolerance);
  expect(maxRelativeDeviation(expected.weights, state.weights)).toBeGreaterThan(1e-4);
  return actual;
}

const decay = (alpha: number, device: BoundDevice): Op => (b, tile, rng) => env.runtime.runKernel(b, 'DecayWeights', { tile }, { alpha, device, rng });
const drift = (deltaT: number, p: DriftParameter, device: BoundDevice): Op => (b, tile, rng) => env.runtime.runKernel(b, 'DriftWeights', { tile }, { deltaT, drift: p, device, rng });
const reset = (start: number, count: number, prob: number, device: BoundDevice): Op => (b, tile, rng) =>
  env.runtime.runKernel(b, 'ResetColumns', { tile }, { start, count, prob, device, rng });
const clip = (init: ParameterInit<WeightClipParameter>): Op => (b, tile) => env.runtime.runKernel(b, 'ClipWeights', { tile }, { clip: new WeightClipParameter(init) });
const write = (change: (w: Float32Array) => void): Op => async (b, tile) => {
  const s = await b.readTile(tile);
  change(s.weights);
  await b.writeTile(tile, s);
};

describe('gpu.js time effects against the reference (deterministic settings)', () => {
  it('DecayWeights: per-device lifetimes and reset biases, alpha 0.7, twice', async () => {
    const { state, device } = pulsedTile(new ConstantStepDevice({ lifetime: 20, lifetime_dtod: 0.3, reset: 0.05, reset_dtod: 0.1 }), 31, 45);
    await expectLikeReference(state, [decay(0.7, device), decay(0.7, device)], 'DecayWeights');
  });

  it('DriftWeights: per-device nu, nu_k, offsets, a write in between (restarting those clocks), four calls', async () => {
    const p = new DriftParameter({ nu: 0.1, nu_dtod: 0.2, nu_k: 0.02, log_g0: 0.3, w_offset: 0.01, g_offset: 0.7, wg_ratio: 2 });
    const { state, device } = pulsedTile(new ConstantStepDevice({ drift: p }), 29, 33);
    const ops = [drift(2, p, device), drift(3, p, device), write((w) => w.fill(0.25, 0, 100)), drift(2, p, device), drift(10, p, device)];
    const after = await expectLikeReference(state, ops, 'DriftWeights');
    expect(after.aux['drift.t']![0]).toBe(17);
    expect(after.aux['drift.t_ij']![0]).toBe(7);
    expect(after.aux['drift.t_ij']![200]).toBe(0);
  });

  it('ResetColumns: columns 40..4 wrapping around, probability 1, no reset noise', async () => {
    const { state, device } = pulsedTile(new ConstantStepDevice({ reset: 0.1, reset_dtod: 0.2, reset_std: 0 }), 17, 45);
    await expectLikeReference(state, [reset(40, 10, 1, device)], 'ResetColumns');
  });

  for (const [name, init] of [
    ['FIXED_VALUE', { type: WeightClipType.FIXED_VALUE, fixed_value: 0.2 }],
    ['LAYER_GAUSSIAN', { type: WeightClipType.LAYER_GAUSSIAN, sigma: 1.2 }],
    ['AVERAGE_CHANNEL_MAX capped by fixed_value', { type: WeightClipType.AVERAGE_CHANNEL_MAX, fixed_value: 0.45 }],
  ] as const) {
    it(`ClipWeights: ${name}`, async () => {
      const { state } = pulsedTile(new ConstantStepDevice({ w_max: 2, w_min: -2 }), 37, 70);
      await expectLikeReference(state, [clip(init)], 'ClipWeights');
    });
  }

  it('ClipWeights NONE leaves the weights alone', async () => {
    const { state } = pulsedTile(new ConstantStepDevice(), 5, 6);
    expect((await apply(env.gpujs, cloneTileState(state), [clip({ type: WeightClipType.NONE })])).weights).toEqual(state.weights);
  });
});

describe('gpu.js time-effect noise (20000 devices; 5 sigma on means, 10% on stds)', () => {
  const rows = 100;
  const cols = 200;
  const wide = { w_max: 10, w_min: -10, w_max_dtod: 0, w_min_dtod: 0 };

  it('DiffuseWeights: the change has std = the device diffusion rate, and results are clipped to the bounds', async () => {
    const { state, device } = pulsedTile(new ConstantStepDevice({ diffusion: 0.02, diffusion_dtod: 0, ...wide }), rows, cols);
    const diff = (s: TileState) => s.weights.map((w, i) => w - state.weights[i]!);
    const after = await apply(env.gpujs, cloneTileState(state), [(b, tile, rng) => env.runtime.runKernel(b, 'DiffuseWeights', { tile }, { device, rng })]);
    const { mean, std } = meanStd(diff(after));
    expect(Math.abs(mean)).toBeLessThan((5 * 0.02) / Math.sqrt(rows * cols));
    expect(Math.abs(std - 0.02)).toBeLessThan(0.002);
    const tight = pulsedTile(new ConstantStepDevice({ diffusion: 1, w_max: 0.5, w_min: -0.5, w_max_dtod: 0, w_min_dtod: 0 }), 20, 20);
    const clipped = await apply(env.gpujs, tight.state, [(b, tile, rng) => env.runtime.runKernel(b, 'DiffuseWeights', { tile }, { device: tight.device, rng })]);
    expect(Math.max(...clipped.weights)).toBe(0.5);
    expect(Math.min(...clipped.weights)).toBe(-0.5);
  });

  it('DriftWeights: nu_std varies nu per call with std nu_std nu; w_noise_std adds read noise', async () => {
    const p = new DriftParameter({ nu: 0.1, nu_std: 0.5 });
    const { state, device } = pulsedTile(new ConstantStepDevice({ drift: p, ...wide }), rows, cols);
    state.weights.fill(0.5);
    const after = await apply(env.gpujs, cloneTileState(state), [drift(10, p, device)]);
    const nus = meanStd(Array.from(after.weights, (w) => -Math.log(w / 0.5) / Math.log(10)));
    expect(Math.abs(nus.mean - 0.1)).toBeLessThan((5 * 0.05) / Math.sqrt(rows * cols));
    expect(Math.abs(nus.std - 0.05)).toBeLessThan(0.005);
    const noisy = new DriftParameter({ nu: 0.1, w_noise_std: 0.01 });
    const read = await apply(env.gpujs, cloneTileState(state), [drift(2, noisy, device)]);
    const change = meanStd(Array.from(read.weights, (w) => w - 0.5 * 2 ** -0.1));
    expect(Math.abs(change.mean)).toBeLessThan((5 * 0.01) / Math.sqrt(rows * cols));
    expect(Math.abs(change.std - 0.01)).toBeLessThan(0.001);
  });

  it('ResetColumns: each device of the selected columns is reset with probability prob', async () => {
    const { state, device } = pulsedTile(new ConstantStepDevice({ reset: 0, reset_dtod: 0, reset_std: 0, ...wide }), rows, cols);
    state.weights.fill(0.5);
    const after = await apply(env.gpujs, cloneTileState(state), [reset(0, 100, 0.3, device)]);
    let resetCount = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const w = after.weights[i * cols + j]!;
        if (j >= 100) expect(w).toBe(0.5);
        else if (w === 0) resetCount++;
      }
    }
    const n = rows * 100;
    expect(Math.abs(resetCount / n - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
  });
});

describe('gpu.js time-effect input checks', () => {
  it('rejects bad reset and drift arguments with ConfigErrors, leaving the weights', async () => {
    const p = new DriftParameter({ nu: 0.1 });
    const { state, device } = pulsedTile(new ConstantStepDevice({ drift: p }), 3, 4);
    const tile = env.gpujs.allocateTile(state);
    const rng = new XoshiroRandom(1);
    await expect(env.runtime.runKernel(env.gpujs, 'ResetColumns', { tile }, { start: 0, count: 1, prob: 1.5, device, rng })).rejects.toThrow(ConfigError);
    await expect(env.runtime.runKernel(env.gpujs, 'ResetColumns', { tile }, { start: 0.5, count: 1, prob: 1, device, rng })).rejects.toThrow(/integer start and count/);
    await expect(env.runtime.runKernel(env.gpujs, 'DriftWeights', { tile }, { deltaT: -1, drift: p, device, rng })).rejects.toThrow(ConfigError);
    await env.runtime.runKernel(env.gpujs, 'DriftWeights', { tile }, { deltaT: 5, drift: new DriftParameter({ nu: 0 }), device, rng });
    const after = await env.gpujs.readTile(tile);
    expect(after.weights).toEqual(state.weights);
    expect(after.aux).toEqual({});
    env.gpujs.disposeTile(tile);
  });
});
