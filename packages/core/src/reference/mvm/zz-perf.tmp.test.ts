import { it } from 'vitest';
import { IOParameters } from '../../parameters/io-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { forwardMvmReference } from '../forward-mvm.js';

it('perf', () => {
  const rows = 1024, cols = 1024, batch = 256;
  const rng = new XoshiroRandom(1);
  const x = new Float32Array(batch * cols).map(() => rng.uniform() * 2 - 1);
  const time = (label: string, f: () => void) => {
    const ts: number[] = [];
    for (let r = 0; r < 5; r++) { const t = performance.now(); f(); ts.push(performance.now() - t); }
    console.log(label, ts.map((t) => t.toFixed(0)).join(' '), 'ms');
  };
  const weights = new Float32Array(rows * cols).map(() => (rng.uniform() * 2 - 1) * 0.05);
  const state = { rows, cols, weights, hidden: {}, aux: {} };
  time('forward defaults:', () => forwardMvmReference.run(state, { x, batch }, { io: new IOParameters(), rng }));
  time('forward PCM_READ+ir_drop:', () => forwardMvmReference.run(state, { x, batch }, { io: new IOParameters({ w_noise: 0.02, w_noise_type: 'PCM_READ' as never, ir_drop: 1 }), rng }));
  time('forward HWA-like:', () => forwardMvmReference.run(state, { x, batch }, { io: new IOParameters({ w_noise: 0.0175, w_noise_type: 'PCM_READ' as never, ir_drop: 1, inp_res: 254, out_res: 254, bound_management: 'NONE' as never, noise_management: 'CONSTANT' as never, nm_thres: 1, out_noise: 0.04, out_bound: 10 }), rng }));
}, 300000);
