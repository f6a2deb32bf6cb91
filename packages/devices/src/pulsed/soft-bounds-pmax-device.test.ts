import { ConfigError, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { deviceState, NO_VARIATION, pulseOnce } from './pulsed-test-support.js';
import { SoftBoundsDevice } from './soft-bounds-device.js';
import { SoftBoundsDeviceModel } from './soft-bounds-device-model.js';
import { SoftBoundsPmaxDevice, softBoundsPmaxReparameterisation } from './soft-bounds-pmax-device.js';
import { SoftBoundsPmaxDeviceModel } from './soft-bounds-pmax-device-model.js';

const model = new SoftBoundsPmaxDeviceModel();

describe('SoftBoundsPmaxDevice', () => {
  it('reparameterises p_max 1000, alpha 5e-4, range ±1 into SoftBounds fields (SPEC §3)', () => {
    const p = new SoftBoundsPmaxDevice();
    expect([p.p_max, p.alpha, p.range_min, p.range_max]).toEqual([1000, 5e-4, -1, 1]);
    const b = 2 / (1 - Math.exp(-0.5));
    expect(b).toBeCloseTo(5.082988, 5);
    const d = softBoundsPmaxReparameterisation(p);
    expect(d.w_min).toBe(-1);
    expect(d.w_max).toBeCloseTo(4.082988, 5);
    expect(d.dw_min).toBeCloseTo(0.002541494, 8);
    expect(d.up_down).toBeCloseTo(0.6065307, 6);
    expect([p.w_min, p.w_max, p.dw_min, p.up_down]).toEqual([d.w_min, d.w_max, d.dw_min, d.up_down]);
    const sb = p.toSoftBounds();
    expect(sb).toBeInstanceOf(SoftBoundsDevice);
    expect([sb.w_min, sb.w_max, sb.dw_min, sb.up_down, sb.dw_min_std]).toEqual([d.w_min, d.w_max, d.dw_min, d.up_down, 0.3]);
  });

  it('hides the derived fields from JSON and rejects setting them', () => {
    const json = new SoftBoundsPmaxDevice({ p_max: 500 }).toJSON();
    expect(json['__class__']).toBe('SoftBoundsPmaxDevice');
    expect(json['p_max']).toBe(500);
    for (const k of ['w_min', 'w_max', 'dw_min', 'up_down']) expect(json).not.toHaveProperty(k);
    expect(() => model.validate({ w_max: 1 })).toThrow(ConfigError);
    expect(() => model.validate({ range_min: 1, range_max: -1 })).toThrow(ConfigError);
    expect(() => model.validate({ range_min: 0.5, range_max: 1 })).toThrow(ConfigError);
    expect(() => model.validate({ alpha: 0 })).toThrow(ConfigError);
  });

  it('behaves as the equivalent SoftBoundsDevice: hidden parameters, granularity B·alpha and pulses', () => {
    const p = new SoftBoundsPmaxDevice({ ...NO_VARIATION, p_max: 200, alpha: 0.002, range_min: -0.5, range_max: 0.8 });
    const sb = p.toSoftBounds();
    const softBounds = new SoftBoundsDeviceModel();
    expect(model.kind).toBe('soft-bounds-pmax');
    expect(model.granularity(p)).toBeCloseTo(sb.dw_min, 12);
    expect(model.hiddenNames(p)).toEqual(softBounds.hiddenNames(sb));
    expect(model.sampleHidden(p, 3, 2, new XoshiroRandom(5))).toEqual(softBounds.sampleHidden(sb, 3, 2, new XoshiroRandom(5)));
    const state = deviceState(model, p);
    const up = sb.dw_min * (sb.up_down > 0 ? 1 : 1 + sb.up_down);
    const down = sb.dw_min * (sb.up_down > 0 ? 1 - sb.up_down : 1);
    expect(pulseOnce(model, p, state, 0.25, 1)).toBeCloseTo(up * (1 - 0.25 / sb.w_max), 7);
    expect(pulseOnce(model, p, state, 0.25, -1)).toBeCloseTo(-down * (1 - 0.25 / sb.w_min), 7);
  });
});
