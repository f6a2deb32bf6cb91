import { XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ExpStepDevice } from './exp-step-device.js';
import { ExpStepDeviceModel } from './exp-step-device-model.js';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';

const model = new ExpStepDeviceModel();

/** The noise-free ExpStep step at w for the mean bounds ±0.6 and dw_min 0.001. */
function expStep(p: ExpStepDevice, w: number, up: boolean): number {
  const z = (2 * p.a * w) / 1.2 + p.b;
  return up ? 0.001 * Math.max(1 - p.A_up * Math.exp(p.gamma_up * z), 0) : -0.001 * Math.max(1 - p.A_down * Math.exp(-p.gamma_down * z), 0);
}

describe('ExpStepDeviceModel', () => {
  it('is the exp-step kind with aihwkit defaults and only the shared hidden parameters', () => {
    const p = model.defaults();
    expect(model.kind).toBe('exp-step');
    expect([p.A_up, p.A_down, p.gamma_up, p.gamma_down, p.a, p.b]).toEqual([0.00081, 0.36833, 12.44625, 12.78785, 0.244, 0.2425]);
    expect([p.dw_min_std_add, p.dw_min_std_slope, p.write_noise_std]).toEqual([0, 0, 0]);
    expect(model.hiddenNames(p)).toHaveLength(8);
  });

  it('has the down step at w = 0 as granularity: 0.00098342 with the defaults (SPEC §11.10)', () => {
    expect(model.granularity(new ExpStepDevice())).toBeCloseTo(0.00098342, 8);
    expect(model.granularity(new ExpStepDevice({ up_down: 0.2 }))).toBeCloseTo(0.8 * 0.00098342, 8);
    expect(model.granularity(new ExpStepDevice({ up_down: -0.2 }))).toBeCloseTo(0.00098342, 8);
    expect(model.granularity(new ExpStepDevice({ A_down: 100 }))).toBe(0.001);
  });

  it('steps up·max(1 - A_up·e^{γ_up z}, 0) and down·max(1 - A_down·e^{-γ_down z}, 0), z = 2a·w/(max - min) + b', () => {
    const p = new ExpStepDevice(NO_VARIATION);
    const state = deviceState(model, p);
    for (const w of [-0.5, -0.25, 0, 0.25, 0.5]) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(expStep(p, w, true), 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(expStep(p, w, false), 7);
    }
    const saturated = new ExpStepDevice({ ...NO_VARIATION, A_up: 2 });
    expect(pulseOnce(model, saturated, deviceState(model, saturated), 0.25, 1)).toBe(0);
  });

  it('has multiplicative noise σ·|Δw|, or σ(|Δw| + add + slope·|w|) with the complex-noise fields (moments)', () => {
    const n = 20000;
    const simple = new ExpStepDevice({ ...NO_VARIATION, dw_min_std: 0.3 });
    const step = expStep(simple, 0.25, true);
    const s = stepMoments(model, simple, deviceState(model, simple), 0.25, 1, n);
    expect(Math.abs(s.mean - step)).toBeLessThan(meanTolerance(0.3 * step, n));
    expect(Math.abs(s.std - 0.3 * step)).toBeLessThan(stdTolerance(0.3 * step, n) + 1e-7);

    const complex = new ExpStepDevice({ ...NO_VARIATION, dw_min_std: 0.3, dw_min_std_add: 0.0005, dw_min_std_slope: 0.002 });
    const down = expStep(complex, 0.25, false);
    const std = 0.3 * (Math.abs(down) + 0.0005 + 0.002 * 0.25);
    const c = stepMoments(model, complex, deviceState(model, complex), 0.25, -1, n);
    expect(Math.abs(c.mean - down)).toBeLessThan(meanTolerance(std, n));
    expect(Math.abs(c.std - std)).toBeLessThan(stdTolerance(std, n) + 1e-7);
  });

  it('draws the shared population with its device-to-device spread (moments of dwmin_up)', () => {
    const n = 10000;
    const h = model.sampleHidden(new ExpStepDevice({ up_down_dtod: 0 }), 100, 100, new XoshiroRandom(3));
    const up = meanStd(h['dwmin_up']!);
    expect(Math.abs(up.mean - 0.001)).toBeLessThan(meanTolerance(0.0003, n));
    expect(Math.abs(up.std - 0.0003)).toBeLessThan(stdTolerance(0.0003, n));
  });
});
