/*
 * Dense float32 kernels of the digital layers. Sums run in float64 and are stored as float32, in
 * the same order as core's reference MAC, so a digital layer and a perfect analog tile agree bit
 * for bit on the forward pass.
 */

/** out[m, n] = sum_k a[m, k] b[n, k]  (a: M x K, b: N x K). */
export function matmulTransposedB(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let r = 0; r < m; r++) {
    const ar = r * k;
    for (let c = 0; c < n; c++) {
      const bc = c * k;
      let s = 0;
      for (let j = 0; j < k; j++) s += a[ar + j]! * b[bc + j]!;
      out[r * n + c] = s;
    }
  }
  return out;
}

/** out[m, k] = sum_n a[m, n] b[n, k]  (a: M x N, b: N x K). */
export function matmul(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const acc = new Float64Array(k);
  const out = new Float32Array(m * k);
  for (let r = 0; r < m; r++) {
    acc.fill(0);
    for (let j = 0; j < n; j++) {
      const v = a[r * n + j]!;
      if (v === 0) continue;
      const bj = j * k;
      for (let c = 0; c < k; c++) acc[c] = acc[c]! + v * b[bj + c]!;
    }
    out.set(acc, r * k);
  }
  return out;
}

/** out[n, k] = sum_m a[m, n] b[m, k]  (a: M x N, b: M x K), e.g. a weight gradient d^T x. */
export function matmulTransposedA(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const acc = new Float64Array(n * k);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      const v = a[r * n + i]!;
      if (v === 0) continue;
      const off = i * k;
      const br = r * k;
      for (let c = 0; c < k; c++) acc[off + c] = acc[off + c]! + v * b[br + c]!;
    }
  }
  return Float32Array.from(acc);
}

/** Adds `vector[c]` to every row of the M x N matrix `data` in place. */
export function addRowVector(data: Float32Array, vector: Float32Array, m: number, n: number): void {
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) data[r * n + c] = data[r * n + c]! + vector[c]!;
}

/** The column sums of an M x N matrix (the gradient of a broadcast bias). */
export function sumRows(data: Float32Array, m: number, n: number): Float32Array {
  const acc = new Float64Array(n);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) acc[c] = acc[c]! + data[r * n + c]!;
  return Float32Array.from(acc);
}

/** Columns [start, start + width) of an M x N matrix as a new M x width matrix. */
export function sliceColumns(data: Float32Array, m: number, n: number, start: number, width: number): Float32Array {
  if (start === 0 && width === n) return data.slice();
  const out = new Float32Array(m * width);
  for (let r = 0; r < m; r++) out.set(data.subarray(r * n + start, r * n + start + width), r * width);
  return out;
}

/** Adds an M x width block into columns [start, start + width) of an M x N matrix. */
export function addColumns(target: Float32Array, block: Float32Array, m: number, n: number, start: number, width: number): void {
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < width; c++) target[r * n + start + c] = target[r * n + start + c]! + block[r * width + c]!;
  }
}

/** Concatenates row-major blocks that share their column count. */
export function concatRows(blocks: readonly Float32Array[]): Float32Array {
  let length = 0;
  for (const b of blocks) length += b.length;
  const out = new Float32Array(length);
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}
