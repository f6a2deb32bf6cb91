import { emptyTileState, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { BoundedExponentialDevice } from './bounded-exponential-device.js';
import { BoundedExponentialDeviceModel, STEEPNESS } from './bounded-exponential-device-model.js';

/* The example model on its own: its rule for one pulse, its hidden parameters and its bounds. */

const model = new BoundedExponentialDeviceModel();

/** A device without any variation: bounds ±0.6 (the pulsed-device defaults), steps dw_min, steepness κ. */
function exactDevice(kappa: number): BoundedExponentialDevice {
  return new BoundedExponentialDevice({
    steepness: kappa,
    steepness_dtod: 0,
    dw_min: 0.01,
    dw_min_dtod: 0,
    dw_min_std: 0,
    up_down_dtod: 0,
    w_max_dtod: 0,
    w_min_dtod: 0,
  });
}

function sampledState(params: BoundedExponentialDevice, rows: number, cols: number, seed = 1) {
  const state = emptyTileState(rows, cols);
  state.hidden = model.sampleHidden(params, rows, cols, new XoshiroRandom(seed));
  return state;
}

describe('BoundedExponentialDeviceModel', () => {
  it('moves the weight by dw_min·exp(-κu) up and dw_min·exp(-κ(1-u)) down for one pulse', () => {
    const params = exactDevice(2);
    const state = sampledState(params, 1, 3);
    state.weights.set([-0.3, 0, 0.45]);
    const pulser = model.createPulser(params, state, new XoshiroRandom(2));
    const before = Array.from(state.weights);
    pulser.pulse(0, 1);
    pulser.pulse(1, -1);
    pulser.pulse(2, 1);
    const u = before.map((w) => (w + 0.6) / 1.2);
    expect(state.weights[0]).toBeCloseTo(before[0]! + 0.01 * Math.exp(-2 * u[0]!), 7);
    expect(state.weights[1]).toBeCloseTo(before[1]! - 0.01 * Math.exp(-2 * (1 - u[1]!)), 7);
    expect(state.weights[2]).toBeCloseTo(before[2]! + 0.01 * Math.exp(-2 * u[2]!), 7);
    // Up and down steps are equal at the middle of the range, and the granularity is that step.
    expect(0.01 * Math.exp(-1)).toBeCloseTo(model.granularity(params), 12);
  });

  it('stays inside the device bounds however many pulses it gets', () => {
    const params = exactDevice(0.5);
    const state = sampledState(params, 1, 2);
    const pulser = model.createPulser(params, state, new XoshiroRandom(3));
    for (let n = 0; n < 500; n++) {
      pulser.pulse(0, 1);
      pulser.pulse(1, -1);
    }
    expect(state.weights[0]).toBeCloseTo(0.6, 6);
    expect(state.weights[1]).toBeCloseTo(-0.6, 6);
  });

  it('draws the shared pulsed population plus one steepness per device, with the stated spread', () => {
    const params = new BoundedExponentialDevice({ steepness: 3, steepness_dtod: 0.5 });
    const rows = 40;
    const cols = 50;
    const hidden = model.sampleHidden(params, rows, cols, new XoshiroRandom(7));
    expect(Object.keys(hidden)).toEqual([...model.hiddenNames()]);
    expect(hidden['max_bound']).toHaveLength(rows * cols);
    const kappa = Array.from(hidden[STEEPNESS]!);
    const n = kappa.length;
    const mean = kappa.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(kappa.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    // κ ~ N(3, 0.5²) (clipping at 0 is 6 sigma away): mean within 4 standard errors, std within 10 %.
    expect(Math.abs(mean - 3)).toBeLessThan((4 * 0.5) / Math.sqrt(n));
    expect(Math.abs(std - 0.5)).toBeLessThan(0.05);
  });

  it('adds cycle-to-cycle noise with relative std dw_min_std to the step', () => {
    const params = new BoundedExponentialDevice({ ...exactDevice(2).fieldValues(), dw_min_std: 0.3 });
    const n = 4000;
    const state = sampledState(params, 1, n);
    const pulser = model.createPulser(params, state, new XoshiroRandom(5));
    for (let k = 0; k < n; k++) pulser.pulse(k, 1);
    const steps = Array.from(state.weights).map((w) => w / (0.01 * Math.exp(-1)));
    const mean = steps.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(steps.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    // Relative steps ~ N(1, 0.3²) from w = 0 (u = 1/2): mean within 4 standard errors, std within 10 %.
    expect(Math.abs(mean - 1)).toBeLessThan((4 * 0.3) / Math.sqrt(n));
    expect(Math.abs(std - 0.3)).toBeLessThan(0.03);
  });

  it('rejects invalid parameters with a ConfigError naming the field', () => {
    expect(() => new BoundedExponentialDevice({ steepness: -1 })).toThrow(/BoundedExponentialDevice\.steepness/);
    expect(() => model.validate({ steepnes: 1 })).toThrow(/has no field "steepnes"/);
  });
});
