/**
 * IR drop along the input lines of one MVM output (aihwkit's applyIrDrop), in place on
 * `y[yOff .. yOff+outSize)` for the prepared input `v[vOff .. vOff+inSize)`:
 * `a_i = (n / ir_drop_g_ratio) sum_j |w_ij||v_j|`, `c_i = a_i (a_i (0.05 a_i - 0.2) + 0.5)`,
 * `v'_j = v_j (1 - (1 - j/n)^2)`, `y_i -= ir_drop c_i sum_j w_ij v'_j` (the first input is the
 * farthest from the output). `scratch` holds at least inSize values.
 */
export function applyIrDrop(
  W: Float32Array,
  outSize: number,
  inSize: number,
  v: Float32Array,
  vOff: number,
  y: Float32Array,
  yOff: number,
  irDrop: number,
  gRatio: number,
  scratch: Float64Array,
): void {
  const aScale = Math.fround(inSize / gRatio);
  for (let j = 0; j < inSize; j++) {
    const p = 1 - j / inSize;
    scratch[j] = v[vOff + j]! * (1 - p * p);
  }
  for (let i = 0; i < outSize; i++) {
    const row = i * inSize;
    let current = 0;
    let drop = 0;
    for (let j = 0; j < inSize; j++) {
      const w = W[row + j]!;
      current += Math.abs(w) * Math.abs(v[vOff + j]!);
      drop += w * scratch[j]!;
    }
    const a = aScale * current;
    const c = a * (a * (0.05 * a - 0.2) + 0.5);
    y[yOff + i] = y[yOff + i]! - c * irDrop * drop;
  }
}
