import { defaultDecay } from '../devices/time-effects/decay.js';
import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';

/** Decays the tile weights once with the device model's decay, or the default pulsed decay. */
export const decayWeightsReference: ReferenceKernel<'DecayWeights'> = {
  kernelName: 'DecayWeights',
  mutatesTile: true,
  run(state, _inputs, { alpha, device, rng }) {
    const tile = requireTileState(state, 'DecayWeights');
    if (device.model.decay) device.model.decay(device.params, tile, alpha, rng);
    else defaultDecay(device.params, tile, alpha, rng);
  },
};
