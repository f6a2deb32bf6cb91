import { ConfigError, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { PowStepReferenceDevice } from './pow-step-reference-device.js';
import { PowStepReferenceDeviceModel } from './pow-step-reference-device-model.js';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance } from './pulsed-test-support.js';

const model = new PowStepReferenceDeviceModel();

describe('PowStepReferenceDeviceModel', () => {
  it('is the pow-step-reference kind: hidden gamma_up, gamma_down, reference; no write noise', () => {
    const p = model.defaults();
    expect(model.kind).toBe('pow-step-reference');
    expect([p.n_estimation_steps, p.reference_mean, p.reference_std, p.subtract_symmetry_point]).toEqual([-1, 0, 0, false]);
    expect(model.hiddenNames(p).slice(-3)).toEqual(['gamma_up', 'gamma_down', 'reference']);
    expect(model.granularity(p)).toBeCloseTo(0.0005, 12);
    expect(() => model.validate({ write_noise_std: 1 })).toThrow(ConfigError);
  });

  it('applies the PowStep rule to w + r, clipped to the bounds and shifted back', () => {
    const p = new PowStepReferenceDevice({ ...NO_VARIATION, pow_gamma: 2, pow_gamma_dtod: 0, reference_mean: 0.1 });
    const state = deviceState(model, p);
    for (const w of [-0.5, 0, 0.25]) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(0.001 * ((0.6 - w - 0.1) / 1.2) ** 2, 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-0.001 * ((w + 0.1 + 0.6) / 1.2) ** 2, 7);
    }
    const big = new PowStepReferenceDevice({ ...NO_VARIATION, pow_gamma: 0.5, dw_min: 0.3, reference_mean: 0.1 });
    const s2 = deviceState(model, big);
    const pulser = model.createPulser(big, s2, new XoshiroRandom(1));
    for (let t = 0; t < 20; t++) pulser.pulse(0, 1);
    expect(s2.weights[0]).toBeCloseTo(0.6 - 0.1, 6);
    // At w = max - r the power base (max - w - r)/R = 0: no NaN, no move.
    expect(pulseOnce(model, big, s2, 0.5, 1)).toBe(0);
    expect(pulseOnce(model, big, s2, 0.55, 1)).toBeLessThanOrEqual(0);
  });

  it('draws reference_mean + reference_std·ξ per device (moments)', () => {
    const n = 10000;
    const h = model.sampleHidden(new PowStepReferenceDevice({ reference_mean: -0.1, reference_std: 0.02 }), 100, 100, new XoshiroRandom(6));
    const ref = meanStd(h['reference']!);
    expect(Math.abs(ref.mean + 0.1)).toBeLessThan(meanTolerance(0.02, n));
    expect(Math.abs(ref.std - 0.02)).toBeLessThan(stdTolerance(0.02, n));
  });

  it('estimates the symmetry point by alternating up and down steps and adds it to reference and reset bias', () => {
    const base = { ...NO_VARIATION, pow_gamma_dtod: 0, up_down: 0.2, subtract_symmetry_point: true };
    const converged = deviceState(model, new PowStepReferenceDevice(base));
    // γ = 1: both steps are equal where 0.001(0.6 - s) = 0.0008(s + 0.6).
    const sp = (0.001 * 0.6 - 0.0008 * 0.6) / 0.0018;
    expect(converged.hidden['reference']![0]).toBeCloseTo(sp, 5);
    expect(converged.hidden['reset_bias']![0]).toBeCloseTo(sp, 5);

    const threeSteps = deviceState(model, new PowStepReferenceDevice({ ...base, n_estimation_steps: 3 }));
    let s = 0;
    for (let n = 0; n < 3; n++) s += 0.001 * ((0.6 - s) / 1.2) - 0.0008 * ((s + 0.6) / 1.2);
    expect(threeSteps.hidden['reference']![0]).toBeCloseTo(s, 8);
  });
});
