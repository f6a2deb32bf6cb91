import { defaultDrift } from '../devices/time-effects/drift.js';
import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';

/**
 * Drifts the tile weights by `deltaT` with the device model's drift, or the default pulsed drift
 * with the given drift parameters. The drift clocks live in the tile's `aux` (`drift.*`).
 */
export const driftWeightsReference: ReferenceKernel<'DriftWeights'> = {
  kernelName: 'DriftWeights',
  mutatesTile: true,
  run(state, _inputs, { deltaT, drift, device, rng }) {
    const tile = requireTileState(state, 'DriftWeights');
    if (device.model.drift) device.model.drift(device.params, tile, deltaT, rng);
    else defaultDrift(drift, tile, deltaT, rng);
  },
};
