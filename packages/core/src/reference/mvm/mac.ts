/**
 * The analog multiply-accumulate of a batch: `Y[k, i] = sum_j W[i, j] V[k, j]` for k < n, with W
 * row-major `outSize x inSize`, V `n x inSize` and Y `n x outSize`. Sums in float64, stores float32.
 * Four samples and two rows are done together so each weight is loaded once per four samples.
 */
export function macBatch(W: Float32Array, outSize: number, inSize: number, V: Float32Array, n: number, Y: Float32Array): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const v0 = k * inSize;
    const v1 = v0 + inSize;
    const v2 = v1 + inSize;
    const v3 = v2 + inSize;
    const y0 = k * outSize;
    const y1 = y0 + outSize;
    const y2 = y1 + outSize;
    const y3 = y2 + outSize;
    let i = 0;
    for (; i + 2 <= outSize; i += 2) {
      const r0 = i * inSize;
      const r1 = r0 + inSize;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let j = 0; j < inSize; j++) {
        const w = W[r0 + j]!;
        const u = W[r1 + j]!;
        const p = V[v0 + j]!;
        const q = V[v1 + j]!;
        const r = V[v2 + j]!;
        const t = V[v3 + j]!;
        a0 += w * p;
        a1 += w * q;
        a2 += w * r;
        a3 += w * t;
        b0 += u * p;
        b1 += u * q;
        b2 += u * r;
        b3 += u * t;
      }
      Y[y0 + i] = a0;
      Y[y1 + i] = a1;
      Y[y2 + i] = a2;
      Y[y3 + i] = a3;
      Y[y0 + i + 1] = b0;
      Y[y1 + i + 1] = b1;
      Y[y2 + i + 1] = b2;
      Y[y3 + i + 1] = b3;
    }
    for (; i < outSize; i++) {
      const r0 = i * inSize;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let j = 0; j < inSize; j++) {
        const w = W[r0 + j]!;
        a0 += w * V[v0 + j]!;
        a1 += w * V[v1 + j]!;
        a2 += w * V[v2 + j]!;
        a3 += w * V[v3 + j]!;
      }
      Y[y0 + i] = a0;
      Y[y1 + i] = a1;
      Y[y2 + i] = a2;
      Y[y3 + i] = a3;
    }
  }
  for (; k < n; k++) {
    const v0 = k * inSize;
    const y0 = k * outSize;
    for (let i = 0; i < outSize; i++) {
      const r0 = i * inSize;
      let a0 = 0, a1 = 0;
      let j = 0;
      for (; j + 2 <= inSize; j += 2) {
        a0 += W[r0 + j]! * V[v0 + j]!;
        a1 += W[r0 + j + 1]! * V[v0 + j + 1]!;
      }
      if (j < inSize) a0 += W[r0 + j]! * V[v0 + j]!;
      Y[y0 + i] = a0 + a1;
    }
  }
}

/** The transpose of a row-major `rows x cols` matrix (row-major `cols x rows`). */
export function transpose(W: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = W[r + j]!;
  }
  return out;
}
