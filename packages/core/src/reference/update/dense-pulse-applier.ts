import type { Pulser } from '../../devices/device-model.js';

/**
 * Applies a matrix of signed coincidence counts: device `idx` gets `|c|` pulses in a row, down
 * steps when `c·lrSign > 0` (SGD sign convention), up steps otherwise.
 */
export function applyDenseCoincidences(pulser: Pulser, coincidences: Int32Array, lrSign: 1 | -1): void {
  for (let idx = 0; idx < coincidences.length; idx++) {
    const c = coincidences[idx]!;
    if (c === 0) continue;
    const direction = c * lrSign > 0 ? -1 : 1;
    for (let n = Math.abs(c); n > 0; n--) pulser.pulse(idx, direction);
  }
}
