import { describe, expect, it } from 'vitest';
import { NoiseManagementType } from '../parameters/enums.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { backwardMvmReference } from './backward-mvm.js';
import { exactBackward, expectClose, idealIO, io, mvm, randomInput, randomTile, tileState } from './mvm/mvm-test-support.js';
import type { MvmStats } from './mvm/run-mvm.js';

describe('backwardMvmReference', () => {
  const state = randomTile(7, 13, 1);
  const d = randomInput(5 * 7, 2);

  it('is exactly W^T d when perfect or with an ideal periphery', () => {
    expect(mvm(state, 'backward', d, io({ is_perfect: true }))).toEqual(exactBackward(state, d));
    expect(mvm(state, 'backward', d, idealIO())).toEqual(exactBackward(state, d));
    const y = mvm(state, 'backward', d, io({ out_noise: 0, inp_res: 0, out_res: 0, out_bound: 0 }));
    expectClose(y, exactBackward(state, d), 1e-5);
  });

  it('does no bound management: one pass, outputs clipped at out_bound x alpha', () => {
    // W^T d = 64 for every column; bound management would bring it back.
    const s = tileState(64, 2, new Array(128).fill(1));
    const stats: MvmStats = {};
    const z = mvm(s, 'backward', new Array(64).fill(1), io({ out_noise: 0 }), 1, stats);
    expect(Array.from(stats.passes!)).toEqual([1]);
    expect(Array.from(z)).toEqual([12, 12]);
    // The same in forward is recovered by bound management.
    const sf = tileState(2, 64, new Array(128).fill(1));
    const y = mvm(sf, 'forward', new Array(64).fill(1), io({ out_noise: 0 }), 1, stats);
    expect(stats.passes![0]).toBeGreaterThan(1);
    expectClose(y, [64, 64], 0.03); // up to DAC/ADC quantisation
  });

  it('a zero gradient gives zero whatever the input noise (noise management shortcut)', () => {
    const z = mvm(state, 'backward', new Array(7).fill(0), io({ inp_noise: 0.5 }));
    expect(Array.from(z)).toEqual(new Array(13).fill(0));
    // Without noise management there is no shortcut.
    const z2 = mvm(state, 'backward', new Array(7).fill(0), io({ inp_noise: 0.5, noise_management: NoiseManagementType.NONE }));
    expect(z2.some((v) => v !== 0)).toBe(true);
  });

  it('noise management scales the backward input per sample and out_scale multiplies the output', () => {
    // Identity tile, DAC quantisation only: z = out_scale alpha q(d / alpha) with alpha = max|d|.
    const eye = tileState(2, 2, [1, 0, 0, 1]);
    const params = (out_scale: number) => io({ out_noise: 0, out_res: 0, out_bound: 0, inp_res: 1 / 4, out_scale });
    const z = mvm(eye, 'backward', [8, 0.9, 0.4, -0.1], params(1));
    // The DAC step is 0.5 (in units of alpha): 0.9 / 8 rounds to 0; -0.1 / 0.4 = -0.25 is half a step, a tie that rounds to 0.
    // Without noise management 8 would be clipped to 1.
    expectClose(z, [8, 0, 0.4, 0], 1e-6);
    expectClose(mvm(eye, 'backward', [8, 0.9, 0.4, -0.1], params(2)), [16, 0, 0.8, 0], 1e-6);
    expectClose(mvm(eye, 'backward', [8, 0.9], io({ out_noise: 0, out_res: 0, out_bound: 0, inp_res: 1 / 4, noise_management: NoiseManagementType.NONE })), [1, 1], 1e-6);
  });

  it('runs as the registered kernel', () => {
    expect(backwardMvmReference.kernelName).toBe('BackwardMvm');
    const z = backwardMvmReference.run(state, { d, batch: 5 }, { io: io({ is_perfect: true }), rng: new XoshiroRandom(1) });
    expect(z).toEqual(exactBackward(state, d));
  });
});
