import { ConfigError, PULSED_DEVICE_HIDDEN_NAMES, TileStateError, VectorUnitCell, VectorUnitCellUpdatePolicy, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { HIDDEN_INDEX, readCount, UPDATE_COUNT } from './aux-state.js';
import { bind, compoundRegistry, compoundState, exactDevice, hidden, update } from './compound-test-support.js';

const registry = compoundRegistry();

function vector(n: number, init: Partial<Pick<VectorUnitCell, 'update_policy' | 'gamma_vec' | 'first_update_idx'>> = {}) {
  const params = new VectorUnitCell({ unit_cell_devices: Array.from({ length: n }, () => exactDevice()), ...init });
  return bind(registry, params);
}

/** The weights of device k. */
const w = (state: Parameters<typeof hidden>[0], k: number): number[] => hidden(state, `hidden_weights_${k}`);

describe('VectorUnitCellModel', () => {
  it('names the hidden arrays as aihwkit: each device its names with _k, then hidden_weights_k', () => {
    const device = vector(2);
    const expected = [0, 1].flatMap((k) => [...PULSED_DEVICE_HIDDEN_NAMES.map((n) => `${n}_${k}`), `hidden_weights_${k}`]);
    expect(device.model.hiddenNames(device.params)).toEqual(expected);
    expect(Object.keys(compoundState(device, 2, 3).hidden)).toEqual(expected);
  });

  it('keeps the visible weights at the gamma-weighted sum of the devices', () => {
    const device = vector(2, { gamma_vec: [1, 0.5] });
    const state = compoundState(device, 1, 2);
    update(state, device, [1, 0], [1], 0.004);
    update(state, device, [0, 1], [-1], 0.002);
    expect(w(state, 0)).toEqual(w(state, 1));
    for (let i = 0; i < 2; i++) expect(state.weights[i]).toBeCloseTo(w(state, 0)[i]! + 0.5 * w(state, 1)[i]!, 7);
    expect(Array.from(state.weights)).toEqual([expect.closeTo(-0.006, 7), expect.closeTo(0.003, 7)]);
  });

  it('writes the weights into every device and clips each (1/n weighting gives the clipped weight back)', () => {
    const device = vector(3, { update_policy: VectorUnitCellUpdatePolicy.SINGLE_SEQUENTIAL, first_update_idx: 1 });
    const state = compoundState(device, 1, 2, undefined, [0.3, -0.9]);
    for (let k = 0; k < 3; k++) expect(w(state, k)).toEqual([expect.closeTo(0.3, 7), expect.closeTo(-0.6, 7)]);
    expect(Array.from(state.weights)).toEqual([expect.closeTo(0.3, 6), expect.closeTo(-0.6, 6)]);
    expect(state.aux[HIDDEN_INDEX]![0]).toBe(1);
  });

  it('with SINGLE_FIXED writes and updates only the indexed device', () => {
    const device = vector(2, { update_policy: VectorUnitCellUpdatePolicy.SINGLE_FIXED, gamma_vec: [1, 1] });
    const state = compoundState(device, 1, 2, undefined, [0.1, 0.2]);
    expect(w(state, 0)).toEqual([expect.closeTo(0.1, 7), expect.closeTo(0.2, 7)]);
    expect(w(state, 1)).toEqual([0, 0]);

    state.aux[HIDDEN_INDEX]![0] = 1; // what tile.setHiddenUpdateIndex(1) writes
    state.weights.set([0.05, -0.05]);
    device.model.applyBounds(device.params, state);
    expect(w(state, 0)).toEqual([expect.closeTo(0.1, 7), expect.closeTo(0.2, 7)]);
    expect(w(state, 1)).toEqual([expect.closeTo(0.05, 7), expect.closeTo(-0.05, 7)]);
    expect(state.aux[HIDDEN_INDEX]![0]).toBe(1);

    update(state, device, [1, 0], [1], 0.003);
    expect(w(state, 0)).toEqual([expect.closeTo(0.1, 7), expect.closeTo(0.2, 7)]);
    expect(w(state, 1)).toEqual([expect.closeTo(0.047, 6), expect.closeTo(-0.05, 7)]);
    expect(state.weights[0]).toBeCloseTo(0.147, 6);
  });

  it('with ALL gives every pulse to every device', () => {
    const device = vector(3);
    const state = compoundState(device, 1, 2);
    update(state, device, [0, 1], [-1], 0.005);
    for (let k = 0; k < 3; k++) expect(w(state, k)).toEqual([0, expect.closeTo(0.005, 7)]);
    expect(readCount(state, UPDATE_COUNT)).toBe(1);
  });

  it('with SINGLE_SEQUENTIAL advances the index before each vector update, over calls', () => {
    const device = vector(3, { update_policy: VectorUnitCellUpdatePolicy.SINGLE_SEQUENTIAL });
    const state = compoundState(device, 1, 1);
    // Batch of two samples with 1 and 2 pulses: devices 1 and 2 (the index starts at 0 and advances first).
    update(state, device, [1, 1], [1, 2], 0.002);
    expect([w(state, 0), w(state, 1), w(state, 2)]).toEqual([[0], [expect.closeTo(-0.002, 7)], [expect.closeTo(-0.004, 7)]]);
    expect(state.aux[HIDDEN_INDEX]![0]).toBe(2);
    // The next call continues with device 0, a sample without pulses still advances the index.
    update(state, device, [1, 0], [1, 1], 0.003);
    expect(w(state, 0)).toEqual([expect.closeTo(-0.003, 7)]);
    expect(state.aux[HIDDEN_INDEX]![0]).toBe(1);
    expect(readCount(state, UPDATE_COUNT)).toBe(4);
    // Any index set from outside continues modulo n (tile.setHiddenUpdateIndex(5) here).
    state.aux[HIDDEN_INDEX]![0] = 5;
    update(state, device, [1], [1], 0.001);
    expect(w(state, 0)).toEqual([expect.closeTo(-0.004, 7)]);
    // Writing the weights resets the index to first_update_idx.
    device.model.applyBounds(device.params, state);
    expect(state.aux[HIDDEN_INDEX]![0]).toBe(0);
    expect(readCount(state, UPDATE_COUNT)).toBe(0);
  });

  it('with SINGLE_RANDOM picks each device with probability 1/n per vector update', () => {
    const n = 3;
    const samples = 600;
    const device = vector(n, { update_policy: VectorUnitCellUpdatePolicy.SINGLE_RANDOM, gamma_vec: [1, 1, 1] });
    const state = compoundState(device, 1, 1);
    // One down pulse per sample on the chosen device.
    update(state, device, new Array(samples).fill(1), new Array(samples).fill(1), 0.001, { rng: new XoshiroRandom(11) });
    const counts = [0, 1, 2].map((k) => Math.round(-w(state, k)[0]! / 0.001));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(samples);
    // Binomial(600, 1/3): sd 11.5; 4 sigma.
    for (const c of counts) expect(Math.abs(c - samples / n)).toBeLessThan(4 * Math.sqrt((samples * (1 / n) * (1 - 1 / n))));
  });

  it('reports the mean granularity of its devices', () => {
    const params = new VectorUnitCell({ unit_cell_devices: [exactDevice({ dw_min: 0.001 }), exactDevice({ dw_min: 0.003 })] });
    expect(registry.bind(params).model.granularity(params)).toBeCloseTo(0.002, 12);
  });

  it('applies time effects per device with its own parameters, then recomputes the weights', () => {
    const params = new VectorUnitCell({
      unit_cell_devices: [exactDevice({ lifetime: 10 }), exactDevice({ reset: 0.05 })],
      gamma_vec: [1, 1],
    });
    const device = registry.bind(params);
    const state = compoundState(device, 1, 2, undefined, [0.2, -0.4]);
    const rng = new XoshiroRandom(1);
    device.model.decay!(params, state, 1, rng);
    expect(w(state, 0)).toEqual([expect.closeTo(0.18, 6), expect.closeTo(-0.36, 6)]);
    expect(w(state, 1)).toEqual([expect.closeTo(0.2, 7), expect.closeTo(-0.4, 7)]);
    device.model.resetColumns!(params, state, 1, 1, 1, rng);
    expect(w(state, 0)).toEqual([expect.closeTo(0.18, 6), 0]);
    expect(w(state, 1)).toEqual([expect.closeTo(0.2, 7), expect.closeTo(0.05, 7)]);
    expect(Array.from(state.weights)).toEqual([expect.closeTo(0.38, 6), expect.closeTo(0.05, 6)]);
  });

  it('rejects a gamma_vec of the wrong length, no devices and a hidden index out of range', () => {
    expect(() => vector(2, { gamma_vec: [1] }).model.sampleHidden(vector(2, { gamma_vec: [1] }).params, 1, 1, new XoshiroRandom(1))).toThrow(ConfigError);
    const empty = new VectorUnitCell();
    expect(() => registry.bind(empty).model.hiddenNames(empty)).toThrow(/at least one device/);
    const device = vector(2, { update_policy: VectorUnitCellUpdatePolicy.SINGLE_FIXED });
    const state = compoundState(device, 1, 1);
    state.aux[HIDDEN_INDEX]![0] = 2;
    expect(() => update(state, device, [1], [1], 0.001)).toThrow(TileStateError);
  });
});
