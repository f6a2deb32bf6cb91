import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors.js';
import { AnalogMVType } from '../parameters/enums.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { forwardMvmReference } from './forward-mvm.js';
import { exactForward, expectClose, idealIO, io, mvm, randomInput, randomTile, tileState } from './mvm/mvm-test-support.js';

describe('forwardMvmReference', () => {
  const state = randomTile(7, 13, 1);
  const x = randomInput(5 * 13, 2);

  it('is_perfect gives exactly W x (and out_scale W x)', () => {
    expect(mvm(state, 'forward', x, io({ is_perfect: true }))).toEqual(exactForward(state, x));
    const scaled = mvm(state, 'forward', x, io({ is_perfect: true, out_scale: 2.5 }));
    expect(scaled).toEqual(exactForward(state, x).map((v) => Math.fround(v * 2.5)));
  });

  it('mv_type IDEAL is a perfect MVM whatever the noise settings', () => {
    const y = mvm(state, 'forward', x, io({ mv_type: AnalogMVType.IDEAL, out_noise: 1, inp_noise: 1 }));
    expect(y).toEqual(exactForward(state, x));
  });

  it('with all noise, quantisation and bounds off it is exactly W x', () => {
    expect(mvm(state, 'forward', x, idealIO())).toEqual(exactForward(state, x));
  });

  it('noise and bound management alone do not change a noise-free, unquantised, unbounded MVM', () => {
    const y = mvm(state, 'forward', x, io({ out_noise: 0, inp_res: 0, out_res: 0, out_bound: 0 }));
    expectClose(y, exactForward(state, x), 1e-5);
  });

  it('out_scale multiplies the output of the analog path', () => {
    const y1 = mvm(state, 'forward', x, io({ out_noise: 0, out_res: 0, out_bound: 0 }));
    const y3 = mvm(state, 'forward', x, io({ out_noise: 0, out_res: 0, out_bound: 0, out_scale: 3 }));
    expectClose(y3, Array.from(y1, (v) => 3 * v), 1e-6);
  });

  it('same seed, same numbers; another seed, other numbers', () => {
    const noisy = io({ inp_noise: 0.05, w_noise: 0.01 });
    const a = mvm(randomTile(7, 13, 1), 'forward', x, noisy, 42);
    const b = mvm(randomTile(7, 13, 1), 'forward', x, noisy, 42);
    const c = mvm(randomTile(7, 13, 1), 'forward', x, noisy, 43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('runs as the registered kernel and mutates only aux', () => {
    expect(forwardMvmReference.kernelName).toBe('ForwardMvm');
    expect(forwardMvmReference.mutatesTile).toBe(true);
    const s = randomTile(3, 4, 5);
    const before = s.weights.slice();
    const y = forwardMvmReference.run(s, { x: randomInput(8, 6), batch: 2 }, { io: io({ out_noise_std: 0.3 }), rng: new XoshiroRandom(1) });
    expect(y.length).toBe(6);
    expect(s.weights).toEqual(before);
    expect(Object.keys(s.aux)).toEqual(['forward.out_noise_values']);
  });

  it('rejects inputs of the wrong size and a missing state', () => {
    const s = tileState(2, 3, [1, 2, 3, 4, 5, 6]);
    expect(() => forwardMvmReference.run(s, { x: new Float32Array(5), batch: 2 }, { io: io(), rng: new XoshiroRandom(1) })).toThrow(ShapeError);
    expect(() => forwardMvmReference.run(undefined, { x: new Float32Array(3), batch: 1 }, { io: io(), rng: new XoshiroRandom(1) })).toThrow(/tile state/);
  });

  it('an empty batch gives an empty output', () => {
    expect(mvm(state, 'forward', [], io()).length).toBe(0);
  });
});
