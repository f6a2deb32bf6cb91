import {
  cloneTileState,
  ConfigError,
  ConstantStepDevice,
  PulseType,
  ShapeError,
  UpdateParameters,
  XoshiroRandom,
  type BoundDevice,
  type ComputeBackend,
  type ParameterInit,
  type TileState,
} from '@analogkit/core';
import { maxRelativeDeviation, unknownDeviceModel } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../test-support.js';
import type { UpdateCall } from './run-gpujs-update.js';

const env = sideBySide();

type Call = Omit<UpdateCall, 'tile' | 'rng'>;

async function update(backend: ComputeBackend, state: TileState, call: Call, seed = 7): Promise<Float32Array> {
  const tile = backend.allocateTile(state);
  try {
    await env.runtime.runKernel(backend, 'PulsedUpdate', { tile, x: call.x, d: call.d, batch: call.batch }, { update: call.update, lr: call.lr, device: call.device, rng: new XoshiroRandom(seed) });
    return (await backend.readTile(tile)).weights;
  } finally {
    backend.disposeTile(tile);
  }
}

/** A pulsed tile of `params` with weights uniform in +-scale (clipped to its bounds like a tile write). */
function pulsedState(params: ConstantStepDevice, rows: number, cols: number, seed: number, scale = 0.3): { state: TileState; device: BoundDevice } {
  const device = env.runtime.devices.bind(params);
  const rng = new XoshiroRandom(seed);
  const hidden = device.model.sampleHidden(params, rows, cols, rng);
  const weights = Float32Array.from({ length: rows * cols }, () => Math.fround((rng.uniform() * 2 - 1) * scale));
  const state = { rows, cols, weights, hidden, aux: {} };
  device.model.applyBounds(params, state, rng);
  return { state, device };
}

function uniformInput(seed: number, length: number, scale: number): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => Math.fround((rng.uniform() * 2 - 1) * scale));
}

const ROWS = 23;
const COLS = 41;
const BATCH = 12;

describe('gpu.js PulsedUpdate against the reference (deterministic pulse types, 23 x 41 tile, batch 12)', () => {
  const cases: [string, ParameterInit<UpdateParameters>, number][] = [
    ['NONE: exact W -= lr d x^T', { pulse_type: PulseType.NONE }, 0.5],
    ['NONE_WITH_DEVICE: exact, then the device bounds after each sample', { pulse_type: PulseType.NONE_WITH_DEVICE }, 2],
    ['MEAN_COUNT', { pulse_type: PulseType.MEAN_COUNT }, 0.05],
    ['MEAN_COUNT with a negative learning rate', { pulse_type: PulseType.MEAN_COUNT }, -0.05],
    ['DETERMINISTIC_IMPLICIT with implicit resolutions', { pulse_type: PulseType.DETERMINISTIC_IMPLICIT, x_res_implicit: 0.1, d_res_implicit: 0.05 }, 0.05],
    ['DETERMINISTIC_IMPLICIT without update management', { pulse_type: PulseType.DETERMINISTIC_IMPLICIT, update_bl_management: false, update_management: false, desired_bl: 10 }, 0.02],
  ];
  for (const [name, init, lr] of cases) {
    it(name, async () => {
      // Device-to-device variation on, cycle-to-cycle noise off (the pulse counts are deterministic); weights near the bounds.
      const params = new ConstantStepDevice({ dw_min_std: 0, w_max: 0.4, w_min: -0.35 });
      const { state, device } = pulsedState(params, ROWS, COLS, 1, 0.4);
      const call = { x: uniformInput(2, BATCH * COLS, 1), d: uniformInput(3, BATCH * ROWS, 0.5), batch: BATCH, update: new UpdateParameters(init), lr, device };
      const expected = await update(env.reference, cloneTileState(state), call);
      const actual = await update(env.gpujs, cloneTileState(state), call);
      expect(maxRelativeDeviation(actual, expected)).toBeLessThanOrEqual(env.gpujs.precision.tolerance);
      expect(maxRelativeDeviation(expected, state.weights)).toBeGreaterThan(1e-3);
    });
  }
});

describe('gpu.js pulses near the device bounds', () => {
  it('a device pushed into its bound and back is replayed sample by sample (MEAN_COUNT, as the reference)', async () => {
    // 10 steps of 0.001 up to w_max 0.01; sample 1 asks for ~30 up steps (clipped at the bound), sample 2 for ~8 down.
    const params = new ConstantStepDevice({ dw_min_std: 0, dw_min_dtod: 0, up_down_dtod: 0, w_max: 0.01, w_min: -0.01, w_max_dtod: 0, w_min_dtod: 0 });
    const { state, device } = pulsedState(params, 1, 1, 9, 0);
    const call = { x: Float32Array.of(1, 1), d: Float32Array.of(-1, 0.27), batch: 2, update: new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT }), lr: 0.03, device };
    const expected = await update(env.reference, cloneTileState(state), call);
    expect(expected[0]).toBeGreaterThan(0);
    expect(expected[0]).toBeLessThan(0.01);
    // Equal up to float32 rounding of the summed steps; clipping the batch once would end at the bound, 0.01.
    expect((await update(env.gpujs, cloneTileState(state), call))[0]).toBeCloseTo(expected[0]!, 8);
  });
});

describe('gpu.js stochastic pulse trains', () => {
  it('is reproducible per seed and changes with the seed', async () => {
    const params = new ConstantStepDevice();
    const { state, device } = pulsedState(params, 8, 9, 5);
    const call = { x: uniformInput(6, 20 * 9, 1), d: uniformInput(7, 20 * 8, 0.3), batch: 20, update: new UpdateParameters(), lr: 0.05, device };
    const a = await update(env.gpujs, cloneTileState(state), call, 1);
    expect(await update(env.gpujs, cloneTileState(state), call, 1)).toEqual(a);
    expect(await update(env.gpujs, cloneTileState(state), call, 2)).not.toEqual(a);
    expect(maxRelativeDeviation(a, state.weights)).toBeGreaterThan(0);
  });
});

describe('gpu.js PulsedUpdate for other device models and bad inputs', () => {
  it('runs a device model without a gpu.js rule through the reference kernel, with identical results', async () => {
    const device: BoundDevice = { model: unknownDeviceModel(), params: new ConstantStepDevice() };
    const state: TileState = { rows: 4, cols: 5, weights: new Float32Array(20), hidden: {}, aux: {} };
    const call = { x: uniformInput(1, 30 * 5, 1), d: uniformInput(2, 30 * 4, 0.2), batch: 30, update: new UpdateParameters(), lr: 0.01, device };
    const before = env.gpujs.kernelRuns().reference.PulsedUpdate ?? 0;
    const actual = await update(env.gpujs, cloneTileState(state), call);
    expect(actual).toEqual(await update(env.reference, cloneTileState(state), call));
    expect(env.gpujs.kernelRuns().reference.PulsedUpdate).toBe(before + 1);
  });

  it('rejects bad shapes and learning rates without changing the weights; lr 0 and batch 0 change nothing', async () => {
    const params = new ConstantStepDevice();
    const { state, device } = pulsedState(params, 3, 4, 8);
    const tile = env.gpujs.allocateTile(state);
    const attrs = { update: new UpdateParameters(), device, rng: new XoshiroRandom(1) };
    const run = (x: Float32Array, d: Float32Array, batch: number, lr: number) => env.runtime.runKernel(env.gpujs, 'PulsedUpdate', { tile, x, d, batch }, { ...attrs, lr });
    await expect(run(new Float32Array(5), new Float32Array(3), 1, 0.1)).rejects.toThrow(ShapeError);
    await expect(run(new Float32Array(4), new Float32Array(4), 1, 0.1)).rejects.toThrow(ShapeError);
    await expect(run(new Float32Array(4), new Float32Array(3), 1, Number.NaN)).rejects.toThrow(ConfigError);
    await run(Float32Array.of(1, 1, 1, 1), Float32Array.of(1, 1, 1), 1, 0);
    await run(new Float32Array(0), new Float32Array(0), 0, 0.1);
    expect((await env.gpujs.readTile(tile)).weights).toEqual(state.weights);
    env.gpujs.disposeTile(tile);
  });
});
