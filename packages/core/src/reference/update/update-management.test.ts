import { describe, expect, it } from 'vitest';
import { UpdateParameters } from '../../parameters/update-parameters.js';
import { baseTrainScales, sampleTrainScales } from './update-management.js';

// Hand-computed values (float32 rounding only matters beyond 6 digits).
describe('update management (BL, A, B)', () => {
  it('UBLM + UM (defaults): BL = ceil(k), equal probabilities at both maxima', () => {
    // lr 0.01, g 0.001, max|x| 0.8, max|d| 0.6: k = 4.8 -> BL 5, A0 = sqrt(0.01/0.005) = sqrt(2).
    const s = sampleTrainScales(new UpdateParameters(), 0.01, 0.001, 0.8, 0.6);
    expect(s.bl).toBe(5);
    expect(s.a).toBeCloseTo(Math.sqrt(8 / 3), 5); // sqrt(2)·sqrt(0.8/0.6)
    expect(s.b).toBeCloseTo(Math.sqrt(1.5), 5); // sqrt(2)·sqrt(0.6/0.8)
    expect(s.a * 0.6).toBeCloseTo(s.b * 0.8, 5); // both maxima fire with probability sqrt(k/BL)
    expect(s.a * 0.6 * s.b * 0.8).toBeCloseTo(4.8 / 5, 5);
  });

  it('UBLM caps BL at desired_bl and UM saturates the d probabilities, not the x ones', () => {
    // lr 0.1, g 0.001, 1 and 0.5: k = 50 > 31 -> BL 31, d max reduced to 0.5·31/50 = 0.31.
    const s = sampleTrainScales(new UpdateParameters(), 0.1, 0.001, 1, 0.5);
    expect(s.bl).toBe(31);
    const a0 = Math.sqrt(0.1 / (0.001 * 31));
    expect(s.a).toBeCloseTo(a0 * Math.sqrt(1 / 0.31), 4);
    expect(s.b).toBeCloseTo(a0 * Math.sqrt(0.31), 5);
    expect(s.b * 1).toBeCloseTo(1, 5); // the x maximum always fires
    expect(s.a * 0.5).toBeCloseTo(50 / 31, 4); // the d maximum "fires" with probability k/BL > 1
  });

  it('UM without UBLM keeps BL = desired_bl and only rescales A and B', () => {
    const up = new UpdateParameters({ update_bl_management: false, update_management: true });
    const s = sampleTrainScales(up, 0.01, 0.001, 0.8, 0.6);
    const a0 = Math.sqrt(0.01 / 0.031);
    expect(s.bl).toBe(31);
    expect(s.a).toBeCloseTo(a0 * Math.sqrt(0.8 / 0.6), 5);
    expect(s.b).toBeCloseTo(a0 * Math.sqrt(0.6 / 0.8), 5);
  });

  it('UBLM switches UM on even when update_management is false', () => {
    const up = new UpdateParameters({ update_bl_management: true, update_management: false });
    expect(sampleTrainScales(up, 0.01, 0.001, 0.8, 0.6)).toEqual(sampleTrainScales(new UpdateParameters(), 0.01, 0.001, 0.8, 0.6));
  });

  it('um_grad_scale scales the d maximum', () => {
    // d max 0.6·0.5 = 0.3: k = 2.4 -> BL 3, A0 = sqrt(0.01/0.003).
    const s = sampleTrainScales(new UpdateParameters({ um_grad_scale: 0.5 }), 0.01, 0.001, 0.8, 0.6);
    const a0 = Math.sqrt(0.01 / 0.003);
    expect(s.bl).toBe(3);
    expect(s.a).toBeCloseTo(a0 * Math.sqrt(0.8 / 0.3), 5);
    expect(s.b).toBeCloseTo(a0 * Math.sqrt(0.3 / 0.8), 5);
  });

  it('fixed_bl off (no UBLM, no UM): A = B = 1 and BL = ceil(lr/g) when g·desired_bl < lr', () => {
    const up = new UpdateParameters({ fixed_bl: false, update_bl_management: false, update_management: false });
    expect(baseTrainScales(up, 0.1, 0.001)).toEqual({ bl: 100, a: 1, b: 1 });
    expect(sampleTrainScales(up, 0.1, 0.001, 0.8, 0.6)).toEqual({ bl: 100, a: 1, b: 1 });
    // g·desired_bl = 0.031 >= lr 0.01: the fixed rule.
    const s = baseTrainScales(up, 0.01, 0.001);
    expect(s.bl).toBe(31);
    expect(s.a).toBeCloseTo(Math.sqrt(0.01 / 0.031), 6);
    expect(s.b).toBe(s.a);
  });

  it('fixed_bl with no management: BL = desired_bl and A = B = sqrt(lr/(g·BL)) for every sample', () => {
    const up = new UpdateParameters({ desired_bl: 10, update_bl_management: false, update_management: false });
    const s = sampleTrainScales(up, 0.02, 0.001, 0.3, 5);
    expect(s.bl).toBe(10);
    expect(s.a).toBeCloseTo(Math.sqrt(2), 6);
    expect(s.b).toBe(s.a);
  });

  it('skips a sample whose max|x| or max|d| is 0', () => {
    const up = new UpdateParameters();
    expect(sampleTrainScales(up, 0.01, 0.001, 0, 0.6).bl).toBe(0);
    expect(sampleTrainScales(up, 0.01, 0.001, 0.8, 0).bl).toBe(0);
    expect(sampleTrainScales(new UpdateParameters({ um_grad_scale: 0 }), 0.01, 0.001, 0.8, 0.6).bl).toBe(0);
  });
});
