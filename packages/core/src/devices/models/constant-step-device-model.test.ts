import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../../backends/tile-state.js';
import { ConfigError, TileStateError } from '../../errors.js';
import { ConstantStepDevice } from '../../parameters/pulsed-device-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { DeviceModelRegistry } from '../device-registry.js';
import { ConstantStepDeviceModel } from './constant-step-device-model.js';

const model = new ConstantStepDeviceModel();

function oneDevice(up: number, down: number, min: number, max: number): TileState {
  const state = emptyTileState(1, 1);
  state.hidden = {
    dwmin_up: Float32Array.of(up),
    dwmin_down: Float32Array.of(down),
    min_bound: Float32Array.of(min),
    max_bound: Float32Array.of(max),
  };
  return state;
}

describe('ConstantStepDeviceModel', () => {
  it('is the constant-step kind of ConstantStepDevice and registers', () => {
    expect(model.kind).toBe('constant-step');
    const registry = new DeviceModelRegistry([model]);
    const bound = registry.bind(new ConstantStepDevice());
    expect(bound.model).toBe(model);
    expect(model.defaults()).toBeInstanceOf(ConstantStepDevice);
    expect(model.validate({ dw_min: 0.01 }).dw_min).toBe(0.01);
    expect(() => model.validate({ dw_min: -1 })).toThrow(ConfigError);
    expect(() => model.validate({ no_such_field: 1 })).toThrow(ConfigError);
  });

  it('has granularity dw_min and the pulsed hidden parameters', () => {
    const params = new ConstantStepDevice({ dw_min: 0.002 });
    expect(model.granularity(params)).toBe(0.002);
    const hidden = model.sampleHidden(params, 2, 3, new XoshiroRandom(1));
    expect(Object.keys(hidden)).toEqual([...model.hiddenNames()]);
  });

  it('steps by exactly dwmin_up / dwmin_down without cycle-to-cycle noise', () => {
    const state = oneDevice(0.003, 0.002, -1, 1);
    const pulser = model.createPulser(new ConstantStepDevice({ dw_min_std: 0 }), state, new XoshiroRandom(1));
    pulser.pulse(0, 1);
    expect(state.weights[0]).toBeCloseTo(0.003, 7);
    pulser.pulse(0, -1);
    pulser.pulse(0, -1);
    expect(state.weights[0]).toBeCloseTo(-0.001, 7);
  });

  it('multiplies each step by (1 + dw_min_std·ξ)', () => {
    const n = 20000;
    const std = 0.3;
    const state = oneDevice(0.01, 0.01, -1e6, 1e6);
    const pulser = model.createPulser(new ConstantStepDevice({ dw_min_std: std }), state, new XoshiroRandom(5));
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < n; t++) {
      const before = state.weights[0]!;
      pulser.pulse(0, t % 2 === 0 ? 1 : -1);
      const step = Math.abs(state.weights[0]! - before) / 0.01;
      s += step;
      s2 += step * step;
    }
    const mean = s / n;
    expect(Math.abs(mean - 1)).toBeLessThan(5 * (std / Math.sqrt(n)));
    expect(Math.sqrt(s2 / n - mean * mean)).toBeCloseTo(std, 2);
  });

  it('clips each pulse to the device bounds', () => {
    const state = oneDevice(0.3, 0.3, -0.5, 0.4);
    const pulser = model.createPulser(new ConstantStepDevice({ dw_min_std: 0 }), state, new XoshiroRandom(1));
    pulser.pulse(0, 1);
    pulser.pulse(0, 1);
    expect(state.weights[0]).toBeCloseTo(0.4, 7);
    for (let k = 0; k < 4; k++) pulser.pulse(0, -1);
    expect(state.weights[0]).toBeCloseTo(-0.5, 7);
  });

  it('applyBounds clips weights written from outside', () => {
    const params = new ConstantStepDevice({ w_max_dtod: 0, w_min_dtod: 0 });
    const state = emptyTileState(1, 3);
    state.hidden = model.sampleHidden(params, 1, 3, new XoshiroRandom(1));
    state.weights.set([2, -2, 0.1]);
    model.applyBounds(params, state);
    expect(Array.from(state.weights)).toEqual([Math.fround(0.6), Math.fround(-0.6), Math.fround(0.1)]);
  });

  it('says which hidden array is missing', () => {
    expect(() => model.createPulser(new ConstantStepDevice(), emptyTileState(1, 1), new XoshiroRandom(1))).toThrow(TileStateError);
  });
});
