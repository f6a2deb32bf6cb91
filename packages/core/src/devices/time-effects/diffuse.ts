import type { TileState } from '../../backends/tile-state.js';
import type { ParameterBase } from '../../parameters/parameter-base.js';
import type { RandomSource } from '../../random/random-source.js';
import { hiddenArray } from '../pulsed-device-population.js';
import { clipToBounds, deviceBounds } from './tile-arrays.js';

/**
 * Default diffusion of a pulsed device (aihwkit `PulsedRPUDevice::diffuseWeights`):
 * `w += rate_ij * xi` with `rate_ij = |diffusion (1 + diffusion_dtod xi)|` drawn at population,
 * then clipped to the device bounds.
 */
export function defaultDiffuse(_params: ParameterBase, state: TileState, rng: RandomSource): void {
  const rate = hiddenArray(state, 'diffusion_rates');
  const bounds = deviceBounds(state);
  const w = state.weights;
  for (let i = 0; i < w.length; i++) {
    w[i] = clipToBounds(w[i]! + rate[i]! * rng.normal(), bounds, i);
  }
}
