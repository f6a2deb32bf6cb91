/**
 * Systematic output voltage offsets and series resistance (aihwkit's applyVoltageOffsets), in
 * place on `y[yOff .. yOff+outSize)`, with `o_i` the drawn offsets and `rs = r_series`:
 * - `v_offset_w_min = 0`: `y (1 - o_i) / (1 + rs |y|)`;
 * - otherwise, with the implicit reference `y_ref = -v_offset_w_min sum_j v_j`:
 *   `(1 - o_i)(y + y_ref) / (1 + rs |y + y_ref|) - (1 + o_i) y_ref / (1 + rs |y_ref|)`
 *   (`y (1 - o_i) - 2 o_i y_ref` when rs = 0).
 * IOParameters has no r_series_max_total, so `rs |y|` is not capped (aihwkit's default).
 */
export function applyVoltageOffsets(
  y: Float32Array,
  yOff: number,
  outSize: number,
  v: Float32Array,
  vOff: number,
  inSize: number,
  offsets: Float32Array,
  rSeries: number,
  vOffsetWMin: number,
): void {
  if (vOffsetWMin === 0) {
    for (let i = 0; i < outSize; i++) {
      const value = y[yOff + i]!;
      const o = offsets[i]!;
      y[yOff + i] = rSeries > 0 ? ((1 - o) * value) / (1 + rSeries * Math.abs(value)) : value * (1 - o);
    }
    return;
  }
  let xSum = 0;
  for (let j = 0; j < inSize; j++) xSum += v[vOff + j]!;
  const yRef = -vOffsetWMin * xSum;
  const refTerm = rSeries > 0 ? yRef / (1 + rSeries * Math.abs(yRef)) : yRef;
  for (let i = 0; i < outSize; i++) {
    const value = y[yOff + i]!;
    const o = offsets[i]!;
    if (rSeries > 0) {
      const yPos = value + yRef;
      y[yOff + i] = ((1 - o) * yPos) / (1 + rSeries * Math.abs(yPos)) - (1 + o) * refTerm;
    } else {
      y[yOff + i] = value * (1 - o) - 2 * o * yRef;
    }
  }
}
