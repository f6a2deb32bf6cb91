import { XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { PowStepDevice } from './pow-step-device.js';
import { PowStepDeviceModel } from './pow-step-device-model.js';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';

const model = new PowStepDeviceModel();

describe('PowStepDeviceModel', () => {
  it('is the pow-step kind with aihwkit defaults, hidden gamma_up / gamma_down and granularity dw_min·0.5^γ', () => {
    const p = model.defaults();
    expect(model.kind).toBe('pow-step');
    expect([p.pow_gamma, p.pow_gamma_dtod, p.pow_up_down, p.pow_up_down_dtod, p.write_noise_std]).toEqual([1, 0.1, 0, 0, 0]);
    expect(model.hiddenNames(p).slice(-2)).toEqual(['gamma_up', 'gamma_down']);
    expect(model.granularity(p)).toBeCloseTo(0.0005, 12);
    expect(model.granularity(new PowStepDevice({ pow_gamma: 2, dw_min: 0.004 }))).toBeCloseTo(0.001, 12);
  });

  it('steps up·((max - w)/R)^γ⁺ and down·((w - min)/R)^γ⁻ with R = max - min', () => {
    const p = new PowStepDevice({ ...NO_VARIATION, pow_gamma: 2, pow_gamma_dtod: 0 });
    const state = deviceState(model, p);
    for (const w of [-0.5, -0.25, 0, 0.25, 0.5]) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(0.001 * ((0.6 - w) / 1.2) ** 2, 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-0.001 * ((w + 0.6) / 1.2) ** 2, 7);
    }
  });

  it('draws γ± = (gain ± r + bias)·pow_gamma per device (moments)', () => {
    const n = 10000;
    const p = new PowStepDevice({ ...NO_VARIATION, pow_gamma: 1.5, pow_gamma_dtod: 0.1, pow_up_down: 0.2, pow_up_down_dtod: 0.05 });
    const h = model.sampleHidden(p, 100, 100, new XoshiroRandom(21));
    const std = 1.5 * Math.hypot(0.1, 0.05);
    const up = meanStd(h['gamma_up']!);
    const down = meanStd(h['gamma_down']!);
    expect(Math.abs(up.mean - 1.5)).toBeLessThan(meanTolerance(std, n));
    expect(Math.abs(down.mean - 1.5 * 0.8)).toBeLessThan(meanTolerance(std, n));
    expect(Math.abs(up.std - std)).toBeLessThan(stdTolerance(std, n));
    expect(Math.abs(down.std - std)).toBeLessThan(stdTolerance(std, n));
  });

  it('has cycle-to-cycle noise σ·|step| (moments) and stays inside the bounds', () => {
    const n = 20000;
    const p = new PowStepDevice({ ...NO_VARIATION, pow_gamma_dtod: 0, dw_min_std: 0.3 });
    const step = 0.001 * (0.6 - 0.25) / 1.2;
    const m = stepMoments(model, p, deviceState(model, p), 0.25, 1, n);
    expect(Math.abs(m.mean - step)).toBeLessThan(meanTolerance(0.3 * step, n));
    expect(Math.abs(m.std - 0.3 * step)).toBeLessThan(stdTolerance(0.3 * step, n) + 1e-7);

    const big = new PowStepDevice({ ...NO_VARIATION, dw_min: 0.2, dw_min_std: 0.5 });
    const state = deviceState(model, big);
    const pulser = model.createPulser(big, state, new XoshiroRandom(2));
    for (let t = 0; t < 200; t++) {
      pulser.pulse(0, t % 3 === 0 ? -1 : 1);
      expect(state.weights[0]).toBeLessThanOrEqual(state.hidden['max_bound']![0]!);
      expect(state.weights[0]).toBeGreaterThanOrEqual(state.hidden['min_bound']![0]!);
    }
  });
});
