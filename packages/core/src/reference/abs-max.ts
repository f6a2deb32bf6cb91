/** The largest |v[k]| over `v[offset .. offset+size)` (0 for an empty range). */
export function absMax(v: Float32Array, offset: number, size: number): number {
  let m = 0;
  for (let k = offset; k < offset + size; k++) {
    const a = Math.abs(v[k]!);
    if (a > m) m = a;
  }
  return m;
}
