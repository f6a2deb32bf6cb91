import { TileStateError } from '../errors.js';

/** `alpha = baseline / current`, element by element (one value per tile, or one per output). */
export function driftAlpha(baseline: Float32Array, current: Float32Array, kind: string): Float32Array {
  if (baseline.length !== current.length) {
    throw new TileStateError(
      `Drift compensation "${kind}" read out ${current.length} values but its baseline has ${baseline.length}; program the weights again (programWeights) after changing the drift compensation.`,
    );
  }
  const alpha = new Float32Array(current.length);
  for (let k = 0; k < alpha.length; k++) alpha[k] = baseline[k]! / current[k]!;
  return alpha;
}

/**
 * Multiplies forward outputs by alpha: one value for all, or one per output. `y` holds `batch`
 * outputs of `outSize` each, as [batch, out] or, with `outTrans`, as [out, batch].
 */
export function scaleByAlpha(y: Float32Array, alpha: Float32Array, outSize: number, outTrans: boolean): void {
  if (alpha.length === 1) {
    const a = alpha[0]!;
    for (let k = 0; k < y.length; k++) y[k] = y[k]! * a;
    return;
  }
  const batch = y.length / outSize;
  for (let k = 0; k < y.length; k++) {
    const row = outTrans ? Math.floor(k / batch) : k % outSize;
    y[k] = y[k]! * alpha[row]!;
  }
}

/** The readout inputs: one-hot rows of the identity, [n, n]. */
export function oneHotInputs(n: number): Float32Array {
  const eye = new Float32Array(n * n);
  for (let j = 0; j < n; j++) eye[j * n + j] = 1;
  return eye;
}
