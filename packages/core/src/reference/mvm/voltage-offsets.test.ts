import { describe, expect, it } from 'vitest';
import { exactForward, expectClose, idealIO, mvm, randomInput, randomTile, repeat, tileState } from './mvm-test-support.js';

/** SPEC §2 / aihwkit's applyVoltageOffsets, directly. */
function offsetsDirect(y: number, o: number, rs: number, wMin: number, xSum: number): number {
  if (wMin === 0) return rs > 0 ? ((1 - o) * y) / (1 + rs * Math.abs(y)) : y * (1 - o);
  const yRef = -wMin * xSum;
  if (rs <= 0) return y * (1 - o) - 2 * o * yRef;
  return ((1 - o) * (y + yRef)) / (1 + rs * Math.abs(y + yRef)) - ((1 + o) * yRef) / (1 + rs * Math.abs(yRef));
}

describe('voltage offsets and series resistance', () => {
  const state = randomTile(50, 8, 31);
  const x = randomInput(8, 32);
  const ideal = exactForward(state, x);
  const xSum = Array.from(x).reduce((a, b) => a + b, 0);

  it('draws o_i = max(v_offset_std xi, 0) once per output', () => {
    mvm(state, 'forward', x, idealIO({ v_offset_std: 0.1, v_offset_w_min: 0 }));
    const o = state.aux['forward.v_offset']!;
    expect(o.length).toBe(50);
    expect(o.every((v) => v >= 0)).toBe(true);
    const zeros = o.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(10);
    expect(zeros).toBeLessThan(40);
  });

  for (const [name, init] of [
    ['v_offset_std, v_offset_w_min 0', { v_offset_std: 0.1, v_offset_w_min: 0 }],
    ['r_series, v_offset_w_min 0', { r_series: 0.05, v_offset_w_min: 0 }],
    ['v_offset_std and r_series, v_offset_w_min 0', { v_offset_std: 0.1, r_series: 0.05, v_offset_w_min: 0 }],
    ['v_offset_std, v_offset_w_min -1 (default)', { v_offset_std: 0.1 }],
    ['v_offset_std and r_series, v_offset_w_min -1', { v_offset_std: 0.1, r_series: 0.05 }],
    ['r_series, v_offset_w_min -0.5', { r_series: 0.05, v_offset_w_min: -0.5 }],
  ] as const) {
    it(`applies the formula: ${name}`, () => {
      const s = randomTile(50, 8, 31);
      const y = mvm(s, 'forward', x, idealIO(init));
      const o = s.aux['forward.v_offset']!;
      const rs = 'r_series' in init ? init.r_series : 0;
      const wMin = init.v_offset_w_min ?? -1;
      expectClose(y, Array.from(ideal, (v, i) => offsetsDirect(v, o[i]!, rs, wMin, xSum)), 1e-5);
      expect(Array.from(y)).not.toEqual(Array.from(ideal));
    });
  }

  it('r_series with slope_calibration multiplies by f = (1 + r_series slope_calibration out_bound)^2', () => {
    const s = tileState(1, 1, [1]);
    const y = mvm(s, 'forward', repeat([2], 1), idealIO({ r_series: 0.05, slope_calibration: 0.5, v_offset_w_min: 0, out_bound: 12 }));
    const f = (1 + 0.05 * 0.5 * 12) ** 2;
    expect(s.aux['forward.out_nonlinearity_factor']![0]).toBeCloseTo(f, 6);
    expectClose(y, [(f * 2) / (1 + 0.05 * 2)], 1e-6);
  });
});
