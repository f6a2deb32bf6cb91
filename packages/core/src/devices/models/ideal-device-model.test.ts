import { describe, expect, it } from 'vitest';
import { emptyTileState } from '../../backends/tile-state.js';
import { IdealDevice } from '../../parameters/ideal-device.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { updatesInFloatingPoint } from '../../reference/update/update-mode.js';
import { DeviceModelRegistry } from '../device-registry.js';
import { IDEAL_PULSE_STEP, IdealDeviceModel } from './ideal-device-model.js';

const model = new IdealDeviceModel();

describe('IdealDeviceModel', () => {
  it('is the ideal kind of IdealDevice, updates in floating point and has no hidden parameters', () => {
    expect(model.kind).toBe('ideal');
    expect(new DeviceModelRegistry([model]).bind(new IdealDevice()).model).toBe(model);
    expect(updatesInFloatingPoint(model)).toBe(true);
    expect(model.hiddenNames()).toEqual([]);
    expect(model.sampleHidden()).toEqual({});
    expect(model.validate({ lifetime: 5 }).lifetime).toBe(5);
  });

  it('keeps weights unbounded and pulses in exact steps of its granularity', () => {
    const state = emptyTileState(1, 2);
    state.weights.set([5, -7]);
    model.applyBounds();
    expect(Array.from(state.weights)).toEqual([5, -7]);
    const pulser = model.createPulser(new IdealDevice(), state);
    pulser.pulse(1, 1);
    pulser.pulse(0, -1);
    expect(state.weights[0]).toBeCloseTo(5 - IDEAL_PULSE_STEP, 6);
    expect(state.weights[1]).toBeCloseTo(-7 + IDEAL_PULSE_STEP, 6);
    expect(model.granularity()).toBe(IDEAL_PULSE_STEP);
  });

  it('decays by 1 - alpha/lifetime only when lifetime > 1', () => {
    const state = emptyTileState(1, 2);
    state.weights.set([1, -0.5]);
    model.decay(new IdealDevice({ lifetime: 10 }), state, 1);
    expect(Array.from(state.weights)).toEqual([Math.fround(0.9), Math.fround(-0.45)]);
    model.decay(new IdealDevice({ lifetime: 1 }), state, 1);
    model.decay(new IdealDevice({ lifetime: 0 }), state, 1);
    expect(state.weights[0]).toBe(Math.fround(0.9));
  });

  it('diffuses with std diffusion', () => {
    const state = emptyTileState(100, 100);
    model.diffuse(new IdealDevice({ diffusion: 0.02 }), state, new XoshiroRandom(1));
    const s2 = state.weights.reduce((a, v) => a + v * v, 0) / state.weights.length;
    expect(Math.sqrt(s2)).toBeGreaterThan(0.019);
    expect(Math.sqrt(s2)).toBeLessThan(0.021);
  });

  it('resets selected columns (wrapping around) to reset_std·ξ', () => {
    const state = emptyTileState(2, 4);
    state.weights.fill(1);
    model.resetColumns(new IdealDevice({ reset_std: 0 }), state, 3, 2, 1, new XoshiroRandom(1));
    expect(Array.from(state.weights)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    model.resetColumns(new IdealDevice({ reset_std: 0.01 }), state, 1, 1, 1, new XoshiroRandom(1));
    expect(state.weights[1]).not.toBe(1);
    expect(Math.abs(state.weights[1]!)).toBeLessThan(0.05);
  });
});
