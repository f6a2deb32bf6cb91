import type { TileState } from '../../backends/tile-state.js';
import type { ParameterBase } from '../../parameters/parameter-base.js';
import type { RandomSource } from '../../random/random-source.js';
import { hiddenArray } from '../pulsed-device-population.js';
import { clipToBounds, deviceBounds } from './tile-arrays.js';

/**
 * Default decay of a pulsed device (aihwkit `PulsedRPUDevice::decayWeights`): every weight
 * relaxes towards its reset bias, `w <- (w - b_ij)(1 - alpha(1 - decay_ij)) + b_ij`, then is
 * clipped to its bounds. `decay_ij = 1 - 1/lifetime_ij` is drawn at population; it is 0 for
 * lifetime <= 1 (one call moves the weight straight to its reset bias) and 1 for lifetime 0
 * (no decay).
 */
export function defaultDecay(_params: ParameterBase, state: TileState, alpha: number, _rng: RandomSource): void {
  const decay = hiddenArray(state, 'decay_scales');
  const bias = hiddenArray(state, 'reset_bias');
  const bounds = deviceBounds(state);
  const w = state.weights;
  for (let i = 0; i < w.length; i++) {
    const s = 1 + alpha * (decay[i]! - 1);
    const b = bias[i]!;
    w[i] = clipToBounds((w[i]! - b) * s + b, bounds, i);
  }
}
