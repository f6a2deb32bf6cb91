import { ConfigError, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';
import { SoftBoundsDevice } from './soft-bounds-device.js';
import { SoftBoundsDeviceModel } from './soft-bounds-device-model.js';

const model = new SoftBoundsDeviceModel();

describe('SoftBoundsDeviceModel', () => {
  it('is the soft-bounds kind with LinearStep hidden slopes and granularity dw_min', () => {
    const p = model.defaults();
    expect(model.kind).toBe('soft-bounds');
    expect([p.mult_noise, p.write_noise_std, p.apply_write_noise_on_set, p.reverse_offset]).toEqual([true, 0, true, 0.01]);
    expect(model.hiddenNames(p).slice(-2)).toEqual(['slope_up', 'slope_down']);
    expect(model.granularity(new SoftBoundsDevice({ dw_min: 0.002 }))).toBe(0.002);
    expect(() => model.validate({ reverse_up: true, mult_noise: false })).toThrow(ConfigError);
  });

  it("steps dwmin_up(1 - w/max_bound_ij) up and dwmin_down(1 - w/min_bound_ij) down with each device's own bounds", () => {
    const p = new SoftBoundsDevice({ ...NO_VARIATION, w_max_dtod: 0.3, w_min_dtod: 0.3, up_down_dtod: 0.2 });
    const state = deviceState(model, p, 1, 1, 9);
    const [bmax, bmin, up, down] = ['max_bound', 'min_bound', 'dwmin_up', 'dwmin_down'].map((n) => state.hidden[n]![0]!) as [number, number, number, number];
    expect(up).not.toBeCloseTo(down, 5);
    for (const w of [-0.375, 0, 0.25, 0.5]) {
      if (w > bmax || w < bmin) continue;
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(up * (1 - w / bmax), 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-down * (1 - w / bmin), 7);
    }
  });

  it('approaches the bounds without crossing them', () => {
    const p = new SoftBoundsDevice({ ...NO_VARIATION, dw_min: 0.01 });
    const state = deviceState(model, p);
    const pulser = model.createPulser(p, state, new XoshiroRandom(1));
    for (let t = 0; t < 2000; t++) pulser.pulse(0, 1);
    expect(state.weights[0]).toBeLessThanOrEqual(state.hidden['max_bound']![0]!);
    expect(state.weights[0]).toBeGreaterThan(0.59);
  });

  it('draws the bounds (hence slopes) per device: 1/slope_up = -max_bound/dwmin_up (moments)', () => {
    const n = 10000;
    const p = new SoftBoundsDevice({ ...NO_VARIATION, w_max_dtod: 0.1 });
    const h = model.sampleHidden(p, 100, 100, new XoshiroRandom(4));
    const bounds = meanStd(Array.from(h['slope_up']!, (s, k) => -h['dwmin_up']![k]! / s));
    expect(Math.abs(bounds.mean - 0.6)).toBeLessThan(meanTolerance(0.06, n));
    expect(Math.abs(bounds.std - 0.06)).toBeLessThan(stdTolerance(0.06, n));
  });

  it('has cycle-to-cycle noise σ·|step| (multiplicative) by moments', () => {
    const n = 20000;
    const p = new SoftBoundsDevice({ ...NO_VARIATION, dw_min_std: 0.2 });
    const expected = -0.001 * (1 - 0.25 / -0.6);
    const m = stepMoments(model, p, deviceState(model, p), 0.25, -1, n);
    expect(Math.abs(m.mean - expected)).toBeLessThan(meanTolerance(0.2 * Math.abs(expected), n));
    expect(Math.abs(m.std - 0.2 * Math.abs(expected))).toBeLessThan(stdTolerance(0.2 * Math.abs(expected), n) + 1e-7);
  });
});
