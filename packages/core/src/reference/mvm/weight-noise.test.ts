import { describe, expect, it } from 'vitest';
import { WeightNoiseType } from '../../parameters/enums.js';
import { column, exactForward, expectGaussianMoments, idealIO, mvm, repeat, tileState } from './mvm-test-support.js';

describe('output-referred weight noise', () => {
  const state = tileState(3, 4, [0.5, -0.2, 0.1, 0.0, 1.0, 1.0, 1.0, 1.0, -0.3, 0.0, 0.0, 0.8]);
  const x = [0.5, -1, 0.25, 2];
  const ideal = exactForward(state, x);
  const batch = repeat(x, 4000);

  it('ADDITIVE_CONSTANT adds w_noise ||x||_2 xi to every output', () => {
    const y = mvm(state, 'forward', batch, idealIO({ w_noise: 0.02, w_noise_type: WeightNoiseType.ADDITIVE_CONSTANT }), 41);
    const norm = Math.sqrt(x.reduce((a, v) => a + v * v, 0));
    for (let i = 0; i < 3; i++) expectGaussianMoments(column(y, i, 3), ideal[i]!, 0.02 * norm);
  });

  it('PCM_READ adds w_noise sqrt(sum_j |w_ij| x_j^2) xi', () => {
    const y = mvm(state, 'forward', batch, idealIO({ w_noise: 0.02, w_noise_type: WeightNoiseType.PCM_READ }), 42);
    for (let i = 0; i < 3; i++) {
      let acc = 0;
      for (let j = 0; j < 4; j++) acc += Math.abs(state.weights[i * 4 + j]!) * x[j]! ** 2;
      expectGaussianMoments(column(y, i, 3), ideal[i]!, 0.02 * Math.sqrt(acc));
    }
  });

  it('needs both a type and w_noise > 0', () => {
    expect(mvm(state, 'forward', x, idealIO({ w_noise: 0.02 }))).toEqual(ideal);
    expect(mvm(state, 'forward', x, idealIO({ w_noise_type: WeightNoiseType.PCM_READ }))).toEqual(ideal);
  });
});
