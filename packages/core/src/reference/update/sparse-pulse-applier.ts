import type { Pulser } from '../../devices/device-model.js';
import type { SparseBitLines } from './sparse-bit-lines.js';

/**
 * Applies the coincidences of sparse pulse trains: in each slot, every firing d line i meets
 * every firing x line j once, giving one pulse on device (i, j) with
 * `sign = sign(d_i)·sign(x_j)·lrSign`; sign > 0 is a down step (SGD: W -= lr d xᵀ). With separate
 * ± x trains (`xNegative` not `xPositive`) the positive x lines of a slot are applied before the
 * negative ones, as in the reference.
 */
export function applySparseCoincidences(
  pulser: Pulser,
  cols: number,
  bl: number,
  dLines: SparseBitLines,
  xPositive: SparseBitLines,
  xNegative: SparseBitLines,
  lrSign: 1 | -1,
): void {
  for (let k = 0; k < bl; k++) {
    const dCount = dLines.count[k]!;
    if (dCount === 0) continue;
    const dStart = k * dLines.size;
    for (let ii = dStart; ii < dStart + dCount; ii++) {
      const rowBase = dLines.index[ii]! * cols;
      const dSign = dLines.sign[ii]! * lrSign;
      pulseRow(pulser, rowBase, dSign, xPositive, k);
      if (xNegative !== xPositive) pulseRow(pulser, rowBase, dSign, xNegative, k);
    }
  }
}

function pulseRow(pulser: Pulser, rowBase: number, dSign: number, xLines: SparseBitLines, slot: number): void {
  const start = slot * xLines.size;
  const end = start + xLines.count[slot]!;
  for (let jj = start; jj < end; jj++) {
    pulser.pulse(rowBase + xLines.index[jj]!, dSign === xLines.sign[jj]! ? -1 : 1);
  }
}
