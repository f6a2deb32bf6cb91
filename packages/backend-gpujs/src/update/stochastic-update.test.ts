import { ConstantStepDevice, PulseType, UpdateParameters, XoshiroRandom, type BoundDevice, type ComputeBackend, type TileState } from '@analogkit/core';
import { meanStd } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../test-support.js';

const env = sideBySide();

/** The final weight of a one-device tile after the same update with `runs` seeds. */
async function finalWeights(backend: ComputeBackend, state: TileState, device: BoundDevice, x: Float32Array, d: Float32Array, update: UpdateParameters, lr: number, runs: number): Promise<Float64Array> {
  const out = new Float64Array(runs);
  const tile = backend.allocateTile(state);
  for (let r = 0; r < runs; r++) {
    await backend.writeTile(tile, state);
    await env.runtime.runKernel(backend, 'PulsedUpdate', { tile, x, d, batch: x.length }, { update, lr, device, rng: new XoshiroRandom(1000 + r) });
    out[r] = (await backend.readTile(tile)).weights[0]!;
  }
  backend.disposeTile(tile);
  return out;
}


describe('gpu.js stochastic pulse trains (one device, 1000 seeds; 5 sigma on the mean, 10% on the std)', () => {
  // lr 0.0075, dw_min 0.001, x = 0.5, d = 0.4: k = 1.5, BL = 2, both lines fire with probability sqrt(k/BL) per slot.
  const samples = 50;
  const runs = 1000;
  const lr = 0.0075;
  const p = Math.sqrt(1.5 / 2) ** 2;
  const pulses = { mean: samples * 2 * p, variance: samples * 2 * p * (1 - p) };

  const cases: [PulseType, number][] = [
    [PulseType.STOCHASTIC_COMPRESSED, 0],
    [PulseType.STOCHASTIC_COMPRESSED, 0.8],
    [PulseType.STOCHASTIC, 0.8],
  ];
  for (const [pulseType, std] of cases) {
    it(`${pulseType}, dw_min_std ${std}: mean -lr d x per sample, variance binomial plus cycle-to-cycle noise`, async () => {
      const params = new ConstantStepDevice({ dw_min_std: std, dw_min_dtod: 0, up_down_dtod: 0, w_max: 100, w_min: -100, w_max_dtod: 0, w_min_dtod: 0 });
      const device = env.runtime.devices.bind(params);
      const state = { rows: 1, cols: 1, weights: new Float32Array(1), hidden: device.model.sampleHidden(params, 1, 1, new XoshiroRandom(4)), aux: {} };
      const call = { x: new Float32Array(samples).fill(0.5), d: new Float32Array(samples).fill(0.4), batch: samples, update: new UpdateParameters({ pulse_type: pulseType }), lr, device };
      const changes = await finalWeights(env.gpujs, state, device, call.x, call.d, call.update, lr, runs);
      const { mean, std: sd } = meanStd(changes);
      const g = params.dw_min;
      const expectedSd = g * Math.sqrt(pulses.variance + std * std * pulses.mean);
      expect(Math.abs(mean - -lr * 0.4 * 0.5 * samples)).toBeLessThan((5 * expectedSd) / Math.sqrt(runs));
      expect(Math.abs(sd - expectedSd)).toBeLessThan(0.1 * expectedSd);
    });
  }
});

describe('gpu.js stochastic pulses bouncing off the device bounds (1000 seeds against the reference)', () => {
  it('the final weight has the reference mean and std when samples push a noisy device into its bounds both ways', async () => {
    // 12 steps of 0.001 between the bounds; samples alternate +-, each worth several steps.
    const params = new ConstantStepDevice({ dw_min_std: 0.5, dw_min_dtod: 0, up_down_dtod: 0, w_max: 0.006, w_min: -0.006, w_max_dtod: 0, w_min_dtod: 0 });
    const device = env.runtime.devices.bind(params);
    const state = { rows: 1, cols: 1, weights: new Float32Array(1), hidden: device.model.sampleHidden(params, 1, 1, new XoshiroRandom(4)), aux: {} };
    const x = Float32Array.from({ length: 12 }, (_, s) => (s % 3 === 2 ? -0.9 : 0.7));
    const d = new Float32Array(12).fill(0.5);
    const update = new UpdateParameters();
    const ours = meanStd(await finalWeights(env.gpujs, state, device, x, d, update, 0.02, 1000));
    const spec = meanStd(await finalWeights(env.reference, state, device, x, d, update, 0.02, 1000));
    expect(spec.std).toBeGreaterThan(0.001);
    expect(Math.abs(ours.mean - spec.mean)).toBeLessThan(5 * Math.sqrt((ours.std ** 2 + spec.std ** 2) / 1000));
    expect(Math.abs(ours.std - spec.std)).toBeLessThan(0.1 * spec.std);
  });
});
