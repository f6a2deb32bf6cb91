const f32 = Math.fround;

/**
 * The exact floating-point update of one sample, `W -= lr·d xᵀ` (aihwkit's `ger` path for pulse
 * type NONE and floating-point devices), on row-major `weights` of rows * cols.
 */
export function exactRankOneUpdate(
  weights: Float32Array,
  rows: number,
  cols: number,
  x: Float32Array,
  xOffset: number,
  d: Float32Array,
  dOffset: number,
  lr: number,
): void {
  for (let i = 0; i < rows; i++) {
    const di = f32(-lr * d[dOffset + i]!);
    if (di === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) weights[base + j] = weights[base + j]! + di * x[xOffset + j]!;
  }
}
