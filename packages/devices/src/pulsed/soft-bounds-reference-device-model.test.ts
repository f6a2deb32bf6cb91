import { XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';
import { SoftBoundsReferenceDevice } from './soft-bounds-reference-device.js';
import { SoftBoundsReferenceDeviceModel } from './soft-bounds-reference-device-model.js';

const model = new SoftBoundsReferenceDeviceModel();

describe('SoftBoundsReferenceDeviceModel', () => {
  it('is the soft-bounds-reference kind with hidden reference and granularity dw_min', () => {
    const p = model.defaults();
    expect(model.kind).toBe('soft-bounds-reference');
    expect([p.mult_noise, p.slope_up_dtod, p.reference_mean, p.reference_std, p.subtract_symmetry_point]).toEqual([false, 0, 0, 0, false]);
    expect(model.hiddenNames(p).at(-1)).toBe('reference');
    expect(model.granularity(p)).toBe(0.001);
  });

  it('applies soft bounds to w + r and shifts back: up dw(1 - (w+r)/max), down dw(1 - (w+r)/min)', () => {
    const p = new SoftBoundsReferenceDevice({ ...NO_VARIATION, reference_mean: 0.1 });
    const state = deviceState(model, p);
    expect(state.hidden['reference']![0]).toBeCloseTo(0.1, 7);
    for (const w of [-0.375, 0, 0.25]) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(0.001 * (1 - (w + 0.1) / 0.6), 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-0.001 * (1 - (w + 0.1) / -0.6), 7);
    }
    const pulser = model.createPulser(p, state, new XoshiroRandom(1));
    state.weights[0] = 0.45;
    for (let t = 0; t < 5000; t++) pulser.pulse(0, 1);
    expect(state.weights[0]).toBeLessThanOrEqual(Math.fround(0.6 - 0.1) + 1e-7);
  });

  it('draws reference_mean + reference_std·ξ and slopes scaled by |1 + slope_dtod·ξ| (moments)', () => {
    const n = 10000;
    const p = new SoftBoundsReferenceDevice({ ...NO_VARIATION, reference_mean: 0.2, reference_std: 0.05, slope_up_dtod: 0.1, slope_down_dtod: 0.2 });
    const h = model.sampleHidden(p, 100, 100, new XoshiroRandom(8));
    const ref = meanStd(h['reference']!);
    expect(Math.abs(ref.mean - 0.2)).toBeLessThan(meanTolerance(0.05, n));
    expect(Math.abs(ref.std - 0.05)).toBeLessThan(stdTolerance(0.05, n));
    const up = meanStd(Array.from(h['max_bound']!, (b) => 0.6 / b));
    expect(Math.abs(up.mean - 1)).toBeLessThan(meanTolerance(0.1, n));
    expect(Math.abs(up.std - 0.1)).toBeLessThan(stdTolerance(0.1, n));
    const down = meanStd(Array.from(h['min_bound']!, (b) => -0.6 / b));
    expect(Math.abs(down.mean - 1)).toBeLessThan(meanTolerance(0.2, n));
    expect(Math.abs(down.std - 0.2)).toBeLessThan(stdTolerance(0.2, n));
  });

  it('adds the symmetry point to the reference and the reset bias', () => {
    const p = new SoftBoundsReferenceDevice({ ...NO_VARIATION, up_down: 0.2, subtract_symmetry_point: true });
    const state = deviceState(model, p);
    const up = 0.001;
    const down = 0.0008;
    const sp = (up - down) / (up / 0.6 - down / -0.6);
    expect(state.hidden['reference']![0]).toBeCloseTo(sp, 6);
    expect(state.hidden['reset_bias']![0]).toBeCloseTo(sp, 6);
    expect(pulseOnce(model, p, state, 0, 1)).toBeCloseTo(-pulseOnce(model, p, state, 0, -1), 7);
  });

  it('has additive cycle-to-cycle noise σ·dw_min by default, multiplicative with mult_noise', () => {
    const n = 20000;
    const add = new SoftBoundsReferenceDevice({ ...NO_VARIATION, dw_min_std: 0.3 });
    const a = stepMoments(model, add, deviceState(model, add), 0.5, 1, n);
    expect(Math.abs(a.mean - 0.001 * (1 - 0.5 / 0.6))).toBeLessThan(meanTolerance(0.0003, n));
    expect(Math.abs(a.std - 0.0003)).toBeLessThan(stdTolerance(0.0003, n) + 1e-7);
    const mult = new SoftBoundsReferenceDevice({ ...NO_VARIATION, dw_min_std: 0.3, mult_noise: true });
    const m = stepMoments(model, mult, deviceState(model, mult), 0.25, 1, n);
    const step = 0.001 * (1 - 0.25 / 0.6);
    expect(Math.abs(m.std - 0.3 * step)).toBeLessThan(stdTolerance(0.3 * step, n) + 1e-7);
  });
});
