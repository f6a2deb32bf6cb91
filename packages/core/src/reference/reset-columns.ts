import { defaultResetColumns } from '../devices/time-effects/reset-columns.js';
import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';

/**
 * Resets `count` columns from `start` (wrapping around; a negative count means all columns) with
 * probability `prob` per device, with the device model's reset or the default pulsed one.
 */
export const resetColumnsReference: ReferenceKernel<'ResetColumns'> = {
  kernelName: 'ResetColumns',
  mutatesTile: true,
  run(state, _inputs, { start, count, prob, device, rng }) {
    const tile = requireTileState(state, 'ResetColumns');
    if (device.model.resetColumns) device.model.resetColumns(device.params, tile, start, count, prob, rng);
    else defaultResetColumns(device.params, tile, start, count, prob, rng);
  },
};
