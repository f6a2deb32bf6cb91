import type { TileState } from '../../backends/tile-state.js';
import { ConfigError } from '../../errors.js';
import type { ParameterBase } from '../../parameters/parameter-base.js';
import type { RandomSource } from '../../random/random-source.js';
import { hiddenArray } from '../pulsed-device-population.js';
import { clipToBounds, deviceBounds, numericField } from './tile-arrays.js';

/**
 * The columns `start, start + 1, ...` (`count` of them, wrapping around past the last column) as
 * a mask over `cols` columns. A negative count or one of at least `cols` selects every column.
 */
export function resetColumnMask(cols: number, start: number, count: number): Uint8Array {
  if (!Number.isInteger(start) || !Number.isInteger(count)) {
    throw new ConfigError(`Reset columns need integer start and count, got start ${start} and count ${count}.`, 'start');
  }
  const mask = new Uint8Array(cols);
  if (cols === 0) return mask;
  const n = count < 0 || count >= cols ? cols : count;
  const first = ((start % cols) + cols) % cols;
  for (let k = 0; k < n; k++) mask[(first + k) % cols] = 1;
  return mask;
}

/**
 * Default column reset of a pulsed device (aihwkit `PulsedRPUDevice::resetCols`): in the selected
 * columns each device, with probability `prob`, is set to `reset_bias_ij + reset_std xi` and
 * clipped to its bounds. `reset_std` comes from the device parameters.
 */
export function defaultResetColumns(
  params: ParameterBase,
  state: TileState,
  start: number,
  count: number,
  prob: number,
  rng: RandomSource,
): void {
  if (!(prob >= 0 && prob <= 1)) throw new ConfigError(`Reset probability must be in [0, 1], got ${prob}.`, 'reset_prob');
  const bias = hiddenArray(state, 'reset_bias');
  const bounds = deviceBounds(state);
  const resetStd = numericField(params, 'reset_std', 0);
  const { rows, cols } = state;
  const mask = resetColumnMask(cols, start, count);
  const w = state.weights;
  for (let j = 0; j < cols; j++) {
    if (!mask[j]) continue;
    for (let r = 0; r < rows; r++) {
      if (prob !== 1 && !(rng.uniform() < prob)) continue;
      const k = r * cols + j;
      const noise = resetStd > 0 ? resetStd * rng.normal() : 0;
      w[k] = clipToBounds(bias[k]! + noise, bounds, k);
    }
  }
}
