import { ConfigError, IOParameters, PulseType, UpdateParameters, XoshiroRandom, type ParameterInit, type TileState } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { readCount, UPDATE_COUNT } from './aux-state.js';
import { bind, compoundRegistry, compoundState, exactDevice, hidden, update } from './compound-test-support.js';
import { TransferCompound } from './parameters/transfer-compound.js';
import { TRANSFER_SLICE } from './transfer-events.js';

const registry = compoundRegistry();
const A = (s: TileState): number[] => hidden(s, 'hidden_weights_0');
const C = (s: TileState): number[] => hidden(s, 'hidden_weights_1');
const close = (values: number[], digits = 6) => values.map((v) => expect.closeTo(v, digits));

/** Tiki-Taka with an exact transfer: perfect reads and an exact (clipped) write, so C[:, j] += lr A[:, j]. */
function tikiTaka(init: ParameterInit<TransferCompound> = {}) {
  return bind(
    registry,
    new TransferCompound({
      unit_cell_devices: [exactDevice(), exactDevice()],
      transfer_forward: new IOParameters({ is_perfect: true }),
      transfer_update: new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE }),
      ...init,
    }),
  );
}

describe('TransferCompoundModel', () => {
  it('shows C alone with the default gamma 0 and writes the weights onto C', () => {
    const device = tikiTaka();
    const state = compoundState(device, 1, 2, undefined, [0.2, -0.1]);
    expect(A(state)).toEqual([0, 0]);
    expect(C(state)).toEqual(close([0.2, -0.1], 7));
    update(state, device, [1, 0], [1], 0.003, { update: new UpdateParameters() });
    expect(A(state)[0]).toBeCloseTo(-0.003, 6);
    expect(Array.from(state.weights)).toEqual(close([C(state)[0]!, C(state)[1]!], 7));
  });

  it('with gamma_vec shows the weighted sum and writes w / gamma_last onto the last device', () => {
    const device = tikiTaka({ gamma_vec: [0.5, 2], transfer_every: 0 });
    const state = compoundState(device, 1, 1, undefined, [0.2]);
    expect(C(state)).toEqual(close([0.1], 7));
    update(state, device, [1], [1], 0.004);
    expect(A(state)).toEqual(close([-0.004], 7));
    expect(state.weights[0]).toBeCloseTo(0.5 * -0.004 + 2 * 0.1, 6);
  });

  it('updates A and transfers one column of A into C after every vector update, cycling the columns', () => {
    const device = tikiTaka({ units_in_mbatch: false, transfer_lr: 0.5 });
    const state = compoundState(device, 2, 3);
    // One sample: A[0, 1] -= 0.004, then column 0 of A (still 0) goes to C.
    update(state, device, [0, 1, 0], [1, 0], 0.01, { update: new UpdateParameters({ desired_bl: 100 }) });
    expect(A(state)).toEqual(close([0, -0.01, 0, 0, 0, 0]));
    expect(C(state)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(state.aux[TRANSFER_SLICE]![0]).toBe(1);
    // Next sample (no pulses): column 1 goes to C with lr 0.5 * 0.01 (transfer_lr scaled by the SGD rate).
    update(state, device, [0, 0, 0], [0, 0], 0.01);
    expect(C(state)).toEqual(close([0, -0.01 * 0.005, 0, 0, 0, 0], 9));
    expect(state.aux[TRANSFER_SLICE]![0]).toBe(2);
    expect(Array.from(state.weights)).toEqual(close(C(state), 9));
    expect(readCount(state, UPDATE_COUNT)).toBe(2);
  });

  it('counts transfer_every in batches with units_in_mbatch', () => {
    const device = tikiTaka({ transfer_every: 2, scale_transfer_lr: false });
    const state = compoundState(device, 1, 2);
    state.hidden['hidden_weights_0']!.set([0.1, 0.2]);
    const zeros = { x: [0, 0, 0, 0, 0, 0], d: [0, 0, 0] };
    update(state, device, zeros.x, zeros.d, 0.01); // 3 vector updates, period 2 * 3 = 6
    expect(C(state)).toEqual([0, 0]);
    update(state, device, zeros.x, zeros.d, 0.01); // 6: one transfer of column 0 with lr 1
    expect(C(state)).toEqual(close([0.1, 0], 7));
    expect(state.aux[TRANSFER_SLICE]![0]).toBe(1);
  });

  it('reads n_reads_per_transfer columns per transfer, wrapping around', () => {
    const device = tikiTaka({ units_in_mbatch: false, n_reads_per_transfer: 2, scale_transfer_lr: false });
    const state = compoundState(device, 1, 3);
    state.hidden['hidden_weights_0']!.set([0.1, 0.2, 0.3]);
    update(state, device, [0, 0, 0], [0], 0.01); // columns 0, 1
    expect(C(state)).toEqual(close([0.1, 0.2, 0], 7));
    update(state, device, [0, 0, 0], [0], 0.01); // columns 2, 0
    expect(C(state)).toEqual(close([0.2, 0.2, 0.3], 7));
    expect(state.aux[TRANSFER_SLICE]![0]).toBe(1);
  });

  it('transfers rows through backward reads when transfer_columns is false', () => {
    const device = tikiTaka({ units_in_mbatch: false, transfer_columns: false, scale_transfer_lr: false });
    const state = compoundState(device, 2, 2);
    state.hidden['hidden_weights_0']!.set([0.1, 0.2, 0.3, 0.4]);
    update(state, device, [0, 0], [0, 0], 0.01);
    expect(C(state)).toEqual(close([0.1, 0.2, 0, 0], 7));
  });

  it('pulses the transfer with transfer_update: C moves by lr A in expectation', () => {
    const device = tikiTaka({ units_in_mbatch: false, scale_transfer_lr: false, transfer_update: new UpdateParameters() });
    const n = 200;
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const state = compoundState(device, 1, 1, new XoshiroRandom(t + 1));
      state.hidden['hidden_weights_0']![0] = 0.0025; // 2.5 steps of 0.001
      update(state, device, [0], [0], 1, { rng: new XoshiroRandom(1000 + t) });
      sum += C(state)[0]!;
    }
    // 0, 1, 2 or 3 pulses with mean 2.5 (BL 3, probability 2.5/3 per slot): sd per trial <= 0.00065.
    expect(Math.abs(sum / n - 0.0025)).toBeLessThan((4 * 0.00065) / Math.sqrt(n));
  });

  it('defaults to gamma^(n-1-k) weights and geometric transfer periods for more devices', () => {
    const device = tikiTaka({ gamma: 0.5, unit_cell_devices: [exactDevice(), exactDevice({ dw_min: 0.002 }), exactDevice()], transfer_every: 0 });
    const state = compoundState(device, 1, 1);
    for (let k = 0; k < 3; k++) state.hidden[`hidden_weights_${k}`]![0] = 0.1;
    device.model.decay!(device.params, state, 0, new XoshiroRandom(1)); // no change, but recomputes the weights
    expect(state.weights[0]).toBeCloseTo(0.1 * (0.25 + 0.5 + 1), 6);
    // Devices after the second reuse its parameters: all slow devices step by 0.002.
    expect(hidden(state, 'dwmin_up_2')).toEqual(close([0.002], 9));
  });

  it('takes the first device granularity and the fast learning rate', () => {
    const device = tikiTaka({ unit_cell_devices: [exactDevice({ dw_min: 0.004 }), exactDevice()] });
    const model = device.model as typeof device.model & { pulseCountLearningRate(p: TransferCompound, lr: number): number };
    expect(model.granularity(device.params)).toBeCloseTo(0.004, 12);
    expect(model.pulseCountLearningRate(new TransferCompound({ fast_lr: 0.5 }), 0.1)).toBeCloseTo(0.05, 12);
    expect(model.pulseCountLearningRate(new TransferCompound({ fast_lr: 0.5, scale_fast_lr: false }), 0.1)).toBe(0.5);
    expect(model.pulseCountLearningRate(new TransferCompound({ fast_lr: 0 }), 0.1)).toBe(0.1);
  });

  it('resets columns of the fast device only', () => {
    const device = tikiTaka();
    const state = compoundState(device, 1, 2, undefined, [0.3, 0.3]);
    state.hidden['hidden_weights_0']!.set([0.1, 0.1]);
    device.model.resetColumns!(device.params, state, 0, 2, 1, new XoshiroRandom(1));
    expect(A(state)).toEqual([0, 0]);
    expect(C(state)).toEqual(close([0.3, 0.3], 7));
  });

  it('rejects fewer than two devices, a zero last gamma and per-device lists of the wrong length', () => {
    const check = (init: ParameterInit<TransferCompound>) => {
      const params = new TransferCompound(init);
      return () => registry.bind(params).model.sampleHidden(params, 1, 1, new XoshiroRandom(1));
    };
    expect(check({ unit_cell_devices: [exactDevice()] })).toThrow(/at least 2 devices/);
    expect(check({ unit_cell_devices: [exactDevice(), exactDevice()], gamma_vec: [1, 0] })).toThrow(ConfigError);
    expect(check({ unit_cell_devices: [exactDevice(), exactDevice()], transfer_lr_vec: [1] })).toThrow(/transfer_lr_vec/);
  });
});
