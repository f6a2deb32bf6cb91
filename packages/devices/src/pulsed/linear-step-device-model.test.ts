import { ConfigError, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { LinearStepDevice } from './linear-step-device.js';
import { LinearStepDeviceModel } from './linear-step-device-model.js';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';

const model = new LinearStepDeviceModel();
const WEIGHTS = [-0.375, 0, 0.25, 0.5];

describe('LinearStepDeviceModel', () => {
  it('is the linear-step kind with aihwkit defaults, hidden names and granularity dw_min', () => {
    const p = model.defaults();
    expect(model.kind).toBe('linear-step');
    expect(p).toBeInstanceOf(LinearStepDevice);
    expect([p.gamma_up, p.gamma_down, p.gamma_up_dtod, p.gamma_down_dtod]).toEqual([0, 0, 0.05, 0.05]);
    expect([p.allow_increasing, p.mean_bound_reference, p.mult_noise, p.write_noise_std]).toEqual([false, true, true, 0]);
    expect(model.hiddenNames(p).slice(-2)).toEqual(['slope_up', 'slope_down']);
    expect(Object.keys(model.sampleHidden(p, 2, 3, new XoshiroRandom(1)))).toEqual([...model.hiddenNames(p)]);
    expect(model.granularity(model.validate({ dw_min: 0.004 }))).toBe(0.004);
  });

  it('steps up by dw_min(1 - γ⁺w/w_max) and down by dw_min(1 - γ⁻w/w_min) (mean bounds)', () => {
    const p = new LinearStepDevice({ ...NO_VARIATION, gamma_up: 0.4, gamma_down: 0.2, gamma_up_dtod: 0, gamma_down_dtod: 0 });
    const state = deviceState(model, p);
    for (const w of WEIGHTS) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(0.001 * (1 - (0.4 * w) / 0.6), 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-0.001 * (1 - (0.2 * w) / -0.6), 7);
    }
  });

  it("uses each device's own bounds without mean_bound_reference, and the opposite bound when reversed", () => {
    const own = new LinearStepDevice({ ...NO_VARIATION, w_max_dtod: 0.3, gamma_up: 0.5, gamma_up_dtod: 0, mean_bound_reference: false });
    const state = deviceState(model, own, 1, 1, 4);
    const bmax = state.hidden['max_bound']![0]!;
    expect(bmax).not.toBeCloseTo(0.6, 3);
    expect(pulseOnce(model, own, state, 0.25, 1)).toBeCloseTo(0.001 * (1 - (0.5 * 0.25) / bmax), 7);

    const reversed = new LinearStepDevice({ ...NO_VARIATION, gamma_up: 0.5, gamma_up_dtod: 0, reverse_up: true, reverse_offset: 0.01 });
    const s2 = deviceState(model, reversed);
    for (const w of WEIGHTS) expect(pulseOnce(model, reversed, s2, w, 1)).toBeCloseTo(0.001 * (1 - (0.5 * w) / (-0.6 - 0.01)), 7);
  });

  it('rejects reversed steps with additive noise', () => {
    expect(() => new LinearStepDevice({ reverse_down: true, mult_noise: false })).toThrow(ConfigError);
  });

  it('draws γ_ij = |γ + γ_dtod·ξ| per device (moments over 10000 devices)', () => {
    const n = 10000;
    const p = new LinearStepDevice({ ...NO_VARIATION, gamma_up: 0.5, gamma_up_dtod: 0.1, gamma_down: 0.3, gamma_down_dtod: 0.05 });
    const hidden = model.sampleHidden(p, 100, 100, new XoshiroRandom(11));
    const gammaUp = Array.from(hidden['slope_up']!, (s) => (-s * 0.6) / 0.001);
    const gammaDown = Array.from(hidden['slope_down']!, (s) => (-s * -0.6) / 0.001);
    const up = meanStd(gammaUp);
    const down = meanStd(gammaDown);
    expect(Math.abs(up.mean - 0.5)).toBeLessThan(meanTolerance(0.1, n));
    expect(Math.abs(up.std - 0.1)).toBeLessThan(stdTolerance(0.1, n));
    expect(Math.abs(down.mean - 0.3)).toBeLessThan(meanTolerance(0.05, n));
    expect(Math.abs(down.std - 0.05)).toBeLessThan(stdTolerance(0.05, n));
  });

  it('keeps slopes non-increasing unless allow_increasing', () => {
    const wide = { ...NO_VARIATION, gamma_up: 0, gamma_up_dtod: 0.5 };
    const decreasing = model.sampleHidden(new LinearStepDevice(wide), 20, 20, new XoshiroRandom(2))['slope_up']!;
    const free = model.sampleHidden(new LinearStepDevice({ ...wide, allow_increasing: true }), 20, 20, new XoshiroRandom(2))['slope_up']!;
    expect(decreasing.every((s) => s <= 0)).toBe(true);
    expect(free.some((s) => s > 0)).toBe(true);
  });

  it('multiplies the whole step by (1 + σξ), or only its constant part with additive noise', () => {
    const n = 20000;
    const base = { ...NO_VARIATION, gamma_up: 0.5, gamma_up_dtod: 0, dw_min_std: 0.3 };
    const mult = new LinearStepDevice(base);
    const expected = 0.001 * (1 - (0.5 * 0.5) / 0.6);
    const m = stepMoments(model, mult, deviceState(model, mult), 0.5, 1, n);
    expect(Math.abs(m.mean - expected)).toBeLessThan(meanTolerance(0.3 * expected, n));
    expect(Math.abs(m.std - 0.3 * expected)).toBeLessThan(stdTolerance(0.3 * expected, n) + 1e-7);

    const add = new LinearStepDevice({ ...base, mult_noise: false });
    const a = stepMoments(model, add, deviceState(model, add), 0.5, 1, n);
    expect(Math.abs(a.mean - expected)).toBeLessThan(meanTolerance(0.3 * 0.001, n));
    expect(Math.abs(a.std - 0.3 * 0.001)).toBeLessThan(stdTolerance(0.3 * 0.001, n) + 1e-7);
  });

  it('clips to the device bounds', () => {
    const p = new LinearStepDevice({ ...NO_VARIATION, gamma_up: 0.1, gamma_up_dtod: 0, dw_min: 0.05 });
    const state = deviceState(model, p);
    const pulser = model.createPulser(p, state, new XoshiroRandom(1));
    for (let t = 0; t < 100; t++) pulser.pulse(0, 1);
    expect(state.weights[0]).toBe(state.hidden['max_bound']![0]);
    for (let t = 0; t < 100; t++) pulser.pulse(0, -1);
    expect(state.weights[0]).toBe(state.hidden['min_bound']![0]);
  });
});
