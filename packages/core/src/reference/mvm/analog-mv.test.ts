import { describe, expect, it } from 'vitest';
import { AnalogMVType, BoundManagementType } from '../../parameters/enums.js';
import { exactBackward, exactForward, expectClose, expectGaussianMoments, idealIO, io, mvm, randomInput, randomTile, repeat, tileState } from './mvm-test-support.js';
import type { MvmStats } from './run-mvm.js';

const MV = AnalogMVType;

describe('mv_type', () => {
  // W x = 20 * 1 + (-20) * (-1) = 40: each of the negative and positive passes gives 20.
  const w = () => tileState(1, 2, [20, -20]);
  const x = [1, -1];

  it('POS_NEG_SEPARATE sums the two passes in analog and clips once; DIGITAL_SUM clips each pass and sums digitally', () => {
    const clip = { out_bound: 12 };
    expect(Array.from(mvm(w(), 'forward', x, idealIO({ ...clip, mv_type: MV.ONE_PASS })))).toEqual([12]);
    expect(Array.from(mvm(w(), 'forward', x, idealIO({ ...clip, mv_type: MV.POS_NEG_SEPARATE })))).toEqual([12]);
    expect(Array.from(mvm(w(), 'forward', x, idealIO({ ...clip, mv_type: MV.POS_NEG_SEPARATE_DIGITAL_SUM })))).toEqual([24]);
  });

  it('without noise or clipping all types give W x', () => {
    const s = randomTile(6, 9, 51);
    const xs = randomInput(4 * 9, 52);
    for (const mv_type of [MV.ONE_PASS, MV.POS_NEG_SEPARATE, MV.POS_NEG_SEPARATE_DIGITAL_SUM]) {
      expectClose(mvm(s, 'forward', xs, idealIO({ mv_type })), exactForward(s, xs), 1e-6);
    }
  });

  it('DIGITAL_SUM has two ADC noise draws (variance 2 sigma^2), POS_NEG_SEPARATE one', () => {
    const batch = repeat(x, 4000);
    expectGaussianMoments(mvm(w(), 'forward', batch, idealIO({ out_noise: 0.1, mv_type: MV.POS_NEG_SEPARATE }), 53), 40, 0.1);
    expectGaussianMoments(mvm(w(), 'forward', batch, idealIO({ out_noise: 0.1, mv_type: MV.POS_NEG_SEPARATE_DIGITAL_SUM }), 54), 40, 0.1 * Math.SQRT2);
  });

  it('bound management: DIGITAL_SUM needs both passes inside the bound, POS_NEG_SEPARATE the sum', () => {
    const run = (mv_type: AnalogMVType) => {
      const stats: MvmStats = {};
      const y = mvm(w(), 'forward', x, io({ out_noise: 0, mv_type, bound_management: BoundManagementType.ITERATIVE }), 1, stats);
      return { y: y[0]!, passes: stats.passes![0] };
    };
    const separate = run(MV.POS_NEG_SEPARATE);
    const digital = run(MV.POS_NEG_SEPARATE_DIGITAL_SUM);
    expect(separate.passes).toBe(3); // 40 -> 20 -> 10
    expect(digital.passes).toBe(2); // 20 + 20 -> 10 + 10
    expectClose([separate.y, digital.y], [40, 40], 0.03);
  });

  it('w_read_asymmetry_dtod: the negative-input pass reads W * w_asymmetry (POS_NEG modes only)', () => {
    const s = randomTile(4, 6, 55);
    const xs = randomInput(3 * 6, 56);
    const params = (mv_type: AnalogMVType) => idealIO({ mv_type, w_read_asymmetry_dtod: 0.2 });
    const y = mvm(s, 'forward', xs, params(MV.POS_NEG_SEPARATE));
    const a = s.aux['forward.w_asymmetry']!;
    expect(a.length).toBe(24);
    const expected: number[] = [];
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < 4; i++) {
        let acc = 0;
        for (let j = 0; j < 6; j++) {
          const v = xs[k * 6 + j]!;
          acc += s.weights[i * 6 + j]! * (v < 0 ? a[i * 6 + j]! : 1) * v;
        }
        expected.push(acc);
      }
    expectClose(y, expected, 1e-6);
    expectClose(mvm(s, 'forward', xs, params(MV.POS_NEG_SEPARATE_DIGITAL_SUM)), expected, 1e-6);
    expect(mvm(s, 'forward', xs, params(MV.ONE_PASS))).toEqual(exactForward(s, xs));
    expect(Array.from(y)).not.toEqual(Array.from(exactForward(s, xs)));
  });

  it('w_read_asymmetry_dtod in backward: negative d_i read W_ij * a_ij', () => {
    const s = randomTile(4, 6, 57);
    const d = randomInput(2 * 4, 58);
    const z = mvm(s, 'backward', d, idealIO({ mv_type: MV.POS_NEG_SEPARATE, w_read_asymmetry_dtod: 0.2 }));
    const a = s.aux['backward.w_asymmetry']!;
    const expected: number[] = [];
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 6; j++) {
        let acc = 0;
        for (let i = 0; i < 4; i++) {
          const v = d[k * 4 + i]!;
          acc += s.weights[i * 6 + j]! * (v < 0 ? a[i * 6 + j]! : 1) * v;
        }
        expected.push(acc);
      }
    expectClose(z, expected, 1e-6);
    expect(Array.from(z)).not.toEqual(Array.from(exactBackward(s, d)));
  });
});
