/** Floor of a readout (aihwkit clamps at 1e-4 so that alpha stays finite). */
const READOUT_FLOOR = 1e-4;

/** `[max(mean|Y|, 1e-4)]` over all n x out outputs: one value for the whole tile. */
export function globalMeanAbs(outputs: Float32Array): Float32Array {
  let sum = 0;
  for (let k = 0; k < outputs.length; k++) sum += Math.abs(outputs[k]!);
  return Float32Array.of(Math.max(sum / outputs.length, READOUT_FLOOR));
}

/** `max(mean_n |Y[n, i]|, 1e-4)` per output i of outputs [n, out]. */
export function perOutputMeanAbs(outputs: Float32Array, n: number, out: number): Float32Array {
  const sums = new Float64Array(out);
  for (let b = 0; b < n; b++) for (let i = 0; i < out; i++) sums[i] = sums[i]! + Math.abs(outputs[b * out + i]!);
  const readout = new Float32Array(out);
  for (let i = 0; i < out; i++) readout[i] = Math.max(sums[i]! / n, READOUT_FLOOR);
  return readout;
}
