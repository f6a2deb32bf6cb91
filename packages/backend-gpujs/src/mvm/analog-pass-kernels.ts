import type { IKernelFunctionThis } from 'gpu.js';
import { rngNormal } from '../random/counter-hash.js';

/**
 * Weights are read as `w[i * rowStride + j * colStride]` for output i and input j: (cols, 1) for
 * the forward W, (1, cols) for the backward W^T, so neither direction copies the matrix.
 */
export interface AnalogPassConstants {
  inSize: number;
  outSize: number;
  rowStride: number;
  colStride: number;
}

/**
 * The plain analog MAC over all inputs, `y[k, i] = sum_j w_ij v_kj` (output n x outSize), four
 * products per step into four independent partial sums.
 */
export function macKernel(this: IKernelFunctionThis<AnalogPassConstants>, w: Float32Array, v: Float32Array): number {
  const m = this.thread.x;
  const k = Math.floor(m / this.constants.outSize);
  const i = m - k * this.constants.outSize;
  const cs = this.constants.colStride;
  const n = this.constants.inSize;
  const n4 = n - (n % 4);
  let wAt = i * this.constants.rowStride;
  let vAt = k * n;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = 0; j < n4; j += 4) {
    a0 += w[wAt]! * v[vAt]!;
    a1 += w[wAt + cs]! * v[vAt + 1]!;
    a2 += w[wAt + 2 * cs]! * v[vAt + 2]!;
    a3 += w[wAt + 3 * cs]! * v[vAt + 3]!;
    wAt += 4 * cs;
    vAt += 4;
  }
  for (let j = n4; j < n; j++) {
    a0 += w[wAt]! * v[vAt]!;
    wAt += cs;
    vAt += 1;
  }
  return Math.fround(a0 + a1 + (a2 + a3));
}

/**
 * The analog MAC of one POS_NEG_SEPARATE pass: `y[k, i] = sum_j w_ij v_kj` over the inputs of
 * the sign `part` (-1: the negative ones, 1: the positive ones). Output n x outSize.
 */
export function partMacKernel(this: IKernelFunctionThis<AnalogPassConstants>, w: Float32Array, v: Float32Array, part: number): number {
  const m = this.thread.x;
  const k = Math.floor(m / this.constants.outSize);
  const i = m - k * this.constants.outSize;
  const wBase = i * this.constants.rowStride;
  const vBase = k * this.constants.inSize;
  let acc = 0;
  for (let j = 0; j < this.constants.inSize; j++) {
    const vj = v[vBase + j]!;
    if (part * vj > 0) acc += w[wBase + j * this.constants.colStride]! * vj;
  }
  return Math.fround(acc);
}

/**
 * The analog MAC of one pass with its non-idealities, in the reference order:
 * - IR drop (irDrop > 0): `a_i = aScale sum_j |w_ij||v_j|`, `c_i = a(a(0.05a - 0.2) + 0.5)`,
 *   `y_i -= irDrop c_i sum_j w_ij v_j (1 - (1 - j/n)^2)`;
 * - voltage offsets / series resistance (hasOffsets; reference `applyVoltageOffsets`);
 * - weight noise: type 1 `w_noise ||v||_2 xi`, type 2 (PCM read) `w_noise sqrt(sum_j |w_ij| v_j^2) xi`,
 *   with the per-sample keys at counter i.
 */
export function nonIdealPassKernel(
  this: IKernelFunctionThis<AnalogPassConstants>,
  w: Float32Array,
  v: Float32Array,
  part: number,
  irDrop: number,
  aScale: number,
  hasOffsets: number,
  offsets: Float32Array,
  rSeries: number,
  vOffsetWMin: number,
  wNoiseType: number,
  wNoise: number,
  keyA: Float32Array,
  keyB: Float32Array,
): number {
  const m = this.thread.x;
  const k = Math.floor(m / this.constants.outSize);
  const i = m - k * this.constants.outSize;
  const n = this.constants.inSize;
  const wBase = i * this.constants.rowStride;
  const vBase = k * n;
  let acc = 0;
  let absAcc = 0;
  let dropAcc = 0;
  let vSum = 0;
  let vSquares = 0;
  let pcmAcc = 0;
  for (let j = 0; j < n; j++) {
    let vj = v[vBase + j]!;
    if (part * vj < 0) vj = 0;
    const wij = w[wBase + j * this.constants.colStride]!;
    const far = 1 - j / n;
    acc += wij * vj;
    absAcc += Math.abs(wij) * Math.abs(vj);
    dropAcc += wij * Math.fround(vj * (1 - far * far));
    vSum += vj;
    vSquares += vj * vj;
    pcmAcc += Math.abs(wij) * vj * vj;
  }
  let y = Math.fround(acc);
  if (irDrop > 0) {
    const a = aScale * Math.fround(absAcc);
    const c = a * (a * (0.05 * a - 0.2) + 0.5);
    y = Math.fround(y - c * irDrop * Math.fround(dropAcc));
  }
  if (hasOffsets > 0) y = Math.fround(voltageOffset(y, offsets[i]!, rSeries, vOffsetWMin, vSum));
  if (wNoiseType === 1) y = Math.fround(y + wNoise * Math.sqrt(vSquares) * rngNormal(i, keyA[k]!, keyB[k]!));
  if (wNoiseType === 2) y = Math.fround(y + wNoise * Math.sqrt(Math.fround(pcmAcc)) * rngNormal(i, keyA[k]!, keyB[k]!));
  return y;
}

/** Reference `applyVoltageOffsets` for one output `y` with offset `o` and pass input sum `vSum`. */
export function voltageOffset(y: number, o: number, rSeries: number, vOffsetWMin: number, vSum: number): number {
  if (vOffsetWMin === 0) {
    if (rSeries > 0) return ((1 - o) * y) / (1 + rSeries * Math.abs(y));
    return y * (1 - o);
  }
  const yRef = -vOffsetWMin * vSum;
  if (rSeries > 0) {
    const yPos = y + yRef;
    return ((1 - o) * yPos) / (1 + rSeries * Math.abs(yPos)) - ((1 + o) * yRef) / (1 + rSeries * Math.abs(yRef));
  }
  return y * (1 - o) - 2 * o * yRef;
}
