import { defaultDiffuse } from '../devices/time-effects/diffuse.js';
import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';

/** Diffuses the tile weights once with the device model's diffusion, or the default pulsed one. */
export const diffuseWeightsReference: ReferenceKernel<'DiffuseWeights'> = {
  kernelName: 'DiffuseWeights',
  mutatesTile: true,
  run(state, _inputs, { device, rng }) {
    const tile = requireTileState(state, 'DiffuseWeights');
    if (device.model.diffuse) device.model.diffuse(device.params, tile, rng);
    else defaultDiffuse(device.params, tile, rng);
  },
};
