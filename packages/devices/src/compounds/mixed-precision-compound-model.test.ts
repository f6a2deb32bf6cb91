import { ConfigError, KernelError, PULSED_DEVICE_HIDDEN_NAMES, VectorUnitCell, XoshiroRandom, type ParameterInit, type TileState } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { bind, compoundRegistry, compoundState, exactDevice, hidden, update } from './compound-test-support.js';
import { quantizeByAbsMax, rint } from './digital-rank-update.js';
import { CHI, MIXED_PRECISION_ROW } from './mixed-precision-compound-model.js';
import { MixedPrecisionCompound } from './parameters/mixed-precision-compound.js';

const registry = compoundRegistry();
const chi = (s: TileState): number[] => hidden(s, CHI);
const close = (values: number[], digits = 6) => values.map((v) => expect.closeTo(v, digits));

function mixed(init: ParameterInit<MixedPrecisionCompound> = {}) {
  return bind(registry, new MixedPrecisionCompound({ device: exactDevice(), ...init }));
}

describe('MixedPrecisionCompoundModel', () => {
  it("keeps the device's hidden names and adds hidden_weights_chi", () => {
    const device = mixed();
    expect(device.model.hiddenNames(device.params)).toEqual([...PULSED_DEVICE_HIDDEN_NAMES, CHI]);
  });

  it('accumulates lr d x^T in chi and transfers trunc(chi/g) pulses per element, keeping the rest', () => {
    const device = mixed();
    const state = compoundState(device, 2, 2, undefined, [0.1, 0.1, 0.1, 0.1]);
    // First vector update: chi only (the update counter is 0, no transfer yet).
    update(state, device, [1, -1], [1, 0.5], 0.0037);
    expect(chi(state)).toEqual(close([0.0037, -0.0037, 0.00185, -0.00185], 7));
    expect(Array.from(state.weights)).toEqual(close([0.1, 0.1, 0.1, 0.1], 7));
    // Second: chi doubles, then every row is transferred: n = [7, -7] and [3, -3] pulses of g = 0.001.
    update(state, device, [1, -1], [1, 0.5], 0.0037);
    expect(chi(state)).toEqual(close([0.0004, -0.0004, 0.0007, -0.0007], 6));
    expect(Array.from(state.weights)).toEqual(close([0.093, 0.107, 0.097, 0.103], 6));
  });

  it('transfers every transfer_every batches, n_rows_per_transfer rows at a time from the row index', () => {
    const device = mixed({ n_rows_per_transfer: 1, transfer_every: 2 });
    const state = compoundState(device, 2, 1);
    const batch = { x: [1, 1], d: [1, 1, 1, 1] };
    update(state, device, batch.x, batch.d, 0.002); // counts 0, 1: no transfer (period 2 * 2 = 4)
    update(state, device, batch.x, batch.d, 0.002); // count 2, 3: no transfer
    expect(Array.from(state.weights)).toEqual([0, 0]);
    update(state, device, batch.x, batch.d, 0.002); // count 4: row 0 gets trunc(0.01/0.001) = 10 pulses
    expect(Array.from(state.weights)).toEqual(close([-0.01, 0], 6));
    expect(chi(state)).toEqual(close([0.002, 0.012], 6));
    expect(state.aux[MIXED_PRECISION_ROW]![0]).toBe(1);
  });

  it('uses the given granularity and the transfer learning rate', () => {
    const device = mixed({ granularity: 0.002, transfer_lr: 0.5 });
    const state = compoundState(device, 1, 1);
    update(state, device, [1], [1], 0.005);
    update(state, device, [1], [1], 0.005); // chi = 0.01 at the transfer: n = 5, written with lr 0.002 * 0.5
    expect(chi(state)).toEqual(close([0], 7));
    expect(state.weights[0]).toBeCloseTo(-0.005, 6);
    expect(device.model.granularity(device.params)).toBe(0.002);
    expect(mixed().model.granularity(mixed().params)).toBeCloseTo(0.001, 12);
  });

  it('quantises x and d by their abs-max into n_bins/2 steps per sign before the outer product', () => {
    const device = mixed({ n_x_bins: 4, n_d_bins: 4, stoc_round_x: false, stoc_round_d: false, transfer_every: 0 });
    const state = compoundState(device, 1, 3);
    // x / (1/2) = [2, 0.6, -1.2] rounds to [2, 1, -1]: x becomes [1, 0.5, -0.5]; d = [3] stays 3.
    update(state, device, [1, 0.3, -0.6], [3], 0.1);
    expect(chi(state)).toEqual(close([0.3, 0.15, -0.15], 6));
  });

  it('rounds half to even and stochastically without bias', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.4, -1.6].map(rint)).toEqual([0, 2, 2, -0, -2, -2, 1, -2]);
    const rng = new XoshiroRandom(9);
    const n = 4000;
    let sum = 0;
    const q = new Float32Array(2);
    for (let t = 0; t < n; t++) {
      quantizeByAbsMax(Float32Array.of(1, 0.3), 0, 2, 4, true, rng, q);
      sum += q[1]!;
    }
    // 0.3 / 0.5 = 0.6 steps: 0 or 1 step (0.5) with mean 0.3; sd 0.245 per draw.
    expect(Math.abs(sum / n - 0.3)).toBeLessThan((4 * 0.245) / Math.sqrt(n));
  });

  it('clears chi and the counters when the weights are written', () => {
    const device = mixed();
    const state = compoundState(device, 1, 1);
    update(state, device, [1], [1], 0.0004);
    expect(chi(state)[0]).toBeCloseTo(0.0004, 7);
    state.weights[0] = 0.2;
    device.model.applyBounds(device.params, state);
    expect(chi(state)).toEqual([0]);
    update(state, device, [1], [1], 0.0004); // counter restarted: no transfer on this first update
    expect(state.weights[0]).toBeCloseTo(0.2, 7);
  });

  it('transfers onto a compound device (a VectorUnitCell of two devices)', () => {
    const device = bind(registry, new MixedPrecisionCompound({ device: new VectorUnitCell({ unit_cell_devices: [exactDevice(), exactDevice()] }) }));
    expect(device.model.hiddenNames(device.params).slice(-3)).toEqual(['drift_nu_1', 'hidden_weights_1', CHI]);
    const state = compoundState(device, 1, 1, undefined, [0.1]);
    update(state, device, [1], [1], 0.002);
    update(state, device, [1], [1], 0.002); // 4 pulses on both devices, the mean of the two is the weight
    expect(hidden(state, 'hidden_weights_0')).toEqual(close([0.096], 6));
    expect(hidden(state, 'hidden_weights_1')).toEqual(close([0.096], 6));
    expect(state.weights[0]).toBeCloseTo(0.096, 6);
  });

  it('has no pulser and rejects a single quantisation bin', () => {
    const device = mixed();
    expect(() => device.model.createPulser(device.params, compoundState(device, 1, 1), new XoshiroRandom(1))).toThrow(KernelError);
    expect(() => new MixedPrecisionCompound({ n_d_bins: 1 })).toThrow(ConfigError);
  });
});
