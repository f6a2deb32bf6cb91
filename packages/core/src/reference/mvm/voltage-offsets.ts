/**
 * Systematic output voltage offsets and series resistance (aihwkit's applyVoltageOffsets), in
 * place on the outputs Y (n x outSize) of the pass inputs V (n x inSize), with `o_i` the drawn
 * offsets and `rs = r_series`:
 * - `v_offset_w_min = 0`: `y (1 - o_i) / (1 + rs |y|)`;
 * - otherwise, with the implicit reference `y_ref = -v_offset_w_min sum_j v_j`:
 *   `(1 - o_i)(y + y_ref) / (1 + rs |y + y_ref|) - (1 + o_i) y_ref / (1 + rs |y_ref|)`
 *   (`y (1 - o_i) - 2 o_i y_ref` when rs = 0).
 * IOParameters has no r_series_max_total, so `rs |y|` is not capped (aihwkit's default).
 */
export function applyVoltageOffsets(
  offsets: Float32Array,
  rSeries: number,
  vOffsetWMin: number,
  outSize: number,
  inSize: number,
  V: Float32Array,
  n: number,
  Y: Float32Array,
): void {
  for (let k = 0; k < n; k++) {
    const yOff = k * outSize;
    if (vOffsetWMin === 0) {
      for (let i = 0; i < outSize; i++) {
        const y = Y[yOff + i]!;
        const o = offsets[i]!;
        Y[yOff + i] = rSeries > 0 ? ((1 - o) * y) / (1 + rSeries * Math.abs(y)) : y * (1 - o);
      }
      continue;
    }
    let xSum = 0;
    for (let j = k * inSize, end = j + inSize; j < end; j++) xSum += V[j]!;
    const yRef = -vOffsetWMin * xSum;
    const refTerm = rSeries > 0 ? yRef / (1 + rSeries * Math.abs(yRef)) : yRef;
    for (let i = 0; i < outSize; i++) {
      const y = Y[yOff + i]!;
      const o = offsets[i]!;
      if (rSeries > 0) {
        const yPos = y + yRef;
        Y[yOff + i] = ((1 - o) * yPos) / (1 + rSeries * Math.abs(yPos)) - (1 + o) * refTerm;
      } else {
        Y[yOff + i] = y * (1 - o) - 2 * o * yRef;
      }
    }
  }
}
