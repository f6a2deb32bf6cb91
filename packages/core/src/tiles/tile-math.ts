/** Scales each feature k of a [batch, size] array by scales[k] (multiply or divide), in place or into `out`. */
export function scaleFeatures(
  data: Float32Array,
  batch: number,
  size: number,
  scales: Float32Array,
  op: 'multiply' | 'divide',
  out: Float32Array = data,
): Float32Array {
  for (let b = 0; b < batch; b++) {
    const off = b * size;
    for (let k = 0; k < size; k++) out[off + k] = op === 'multiply' ? data[off + k]! * scales[k]! : data[off + k]! / scales[k]!;
  }
  return out;
}

/** Scales each row i of a [rows, cols] matrix by scales[i] (multiply or divide). */
export function scaleRows(data: Float32Array, rows: number, cols: number, scales: Float32Array, op: 'multiply' | 'divide'): void {
  for (let i = 0; i < rows; i++) {
    const s = scales[i]!;
    const off = i * cols;
    for (let j = 0; j < cols; j++) data[off + j] = op === 'multiply' ? data[off + j]! * s : data[off + j]! / s;
  }
}

/** delta = -lr * sum_b d_b x_b^T over a batch (x: batch*cols, d: batch*rows). */
export function outerProductDelta(
  delta: Float32Array,
  x: Float32Array,
  d: Float32Array,
  batch: number,
  rows: number,
  cols: number,
  lr: number,
): void {
  delta.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows; i++) {
      const di = -lr * d[b * rows + i]!;
      if (di === 0) continue;
      const off = i * cols;
      const xo = b * cols;
      for (let j = 0; j < cols; j++) delta[off + j] = delta[off + j]! + di * x[xo + j]!;
    }
  }
}
