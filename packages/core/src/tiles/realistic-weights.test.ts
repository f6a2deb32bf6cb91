import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { SingleRPUConfig } from '../parameters/index.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';
import { Tensor } from '../tensor/tensor.js';
import { createTile } from './create-tile.js';
import { tileTestRuntime } from './tile-test-runtime.js';

// SPEC §8 item 7: W [[.1,.2,.3],[.4,-.5,-.6]], b [-.1,.2]; errors relative to 0.6.
const W = Tensor.from([[0.1, 0.2, 0.3], [0.4, -0.5, -0.6]]);
const B = new Tensor([-0.1, 0.2]);

function maxError(a: Tensor, b: Tensor): number {
  return Math.max(...Array.from(a.data, (v, i) => Math.abs(v - b.data[i]!)));
}

function meanError(a: Tensor, b: Tensor): number {
  return Array.from(a.data, (v, i) => Math.abs(v - b.data[i]!)).reduce((s, v) => s + v, 0) / a.size();
}

describe('realistic weight access (aihwkit read_weights / program_weights)', () => {
  it('readWeights estimates weights and analog bias within 10% of 0.6 through the noisy forward', async () => {
    const tile = await createTile(tileTestRuntime(2), 2, 3, new SingleRPUConfig(), { bias: true });
    await tile.setWeights(W, B);
    const [exactW, exactB] = await tile.getWeights();
    const [w, b] = await tile.readWeights();
    expect(maxError(w, exactW) / 0.6).toBeLessThan(0.1);
    expect(maxError(b!, exactB!) / 0.6).toBeLessThan(0.1);
    expect(maxError(w, exactW)).toBeGreaterThan(0);
  });

  // The closed loop ends jittering around the target: with lr 0.1 and the default output noise
  // (0.06) the stationary std per weight is about sqrt(0.1/2)*0.06 = 0.013, i.e. 2% of 0.6.
  it('programWeights reaches the target within 5% (mean) with pulsed updates', async () => {
    const device = new ConstantStepDevice({ w_max_dtod: 0, w_min_dtod: 0 });
    const tile = await createTile(tileTestRuntime(3), 2, 3, new SingleRPUConfig({ device }), { bias: true });
    await tile.setWeights(W, B);
    const iterations = await tile.programWeights();
    expect(iterations).toBeGreaterThan(0);
    const [w, b] = await tile.getWeights();
    expect(meanError(w, W) / 0.6).toBeLessThan(0.05);
    expect(meanError(b!, B) / 0.6).toBeLessThan(0.05);
    expect(maxError(w, W) / 0.6).toBeLessThan(0.1);
  });

  it('rejects invalid options before touching the tile', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig());
    await expect(tile.readWeights({ overSampling: 0 })).rejects.toBeInstanceOf(ConfigError);
    await expect(tile.programWeights({ tol: -1 })).rejects.toBeInstanceOf(ConfigError);
  });
});
