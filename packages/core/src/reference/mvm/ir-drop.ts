import { macBatch } from './mac.js';

/** Work buffers of applyIrDrop: two of n x inSize, two of n x outSize. */
export interface IrDropScratch {
  absV: Float32Array;
  dropV: Float32Array;
  current: Float32Array;
  drop: Float32Array;
}

/**
 * IR drop along the input lines (aihwkit's applyIrDrop), in place on the outputs Y (n x outSize)
 * of the pass inputs V (n x inSize), per sample:
 * `a_i = (n_in / ir_drop_g_ratio) sum_j |w_ij||v_j|`, `c_i = a_i (a_i (0.05 a_i - 0.2) + 0.5)`,
 * `v'_j = v_j (1 - (1 - j/n_in)^2)`, `y_i -= ir_drop c_i sum_j w_ij v'_j` (the first input is the
 * farthest from the output). `absW` is |W| element-wise.
 */
export function applyIrDrop(
  W: Float32Array,
  absW: Float32Array,
  outSize: number,
  inSize: number,
  V: Float32Array,
  n: number,
  Y: Float32Array,
  irDrop: number,
  gRatio: number,
  scratch: IrDropScratch,
): void {
  const { absV, dropV, current, drop } = scratch;
  for (let k = 0; k < n; k++) {
    const o = k * inSize;
    for (let j = 0; j < inSize; j++) {
      const v = V[o + j]!;
      const p = 1 - j / inSize;
      absV[o + j] = Math.abs(v);
      dropV[o + j] = v * (1 - p * p);
    }
  }
  macBatch(absW, outSize, inSize, absV, n, current);
  macBatch(W, outSize, inSize, dropV, n, drop);
  const aScale = Math.fround(inSize / gRatio);
  const len = n * outSize;
  for (let m = 0; m < len; m++) {
    const a = aScale * current[m]!;
    const c = a * (a * (0.05 * a - 0.2) + 0.5);
    Y[m] = Y[m]! - c * irDrop * drop[m]!;
  }
}
