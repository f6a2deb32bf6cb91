import type { Parameter } from '../parameter.js';
import { addRowVector, matmul, matmulTransposedA, matmulTransposedB, sumRows } from '../tensor-math.js';

/** rows [M, in] -> rows W^T + b [M, out] with the weight viewed as [out, in]. */
export function denseForward(rows: Float32Array, m: number, weight: Parameter, bias: Parameter | null, inSize: number, outSize: number): Float32Array {
  const y = matmulTransposedB(rows, weight.data.data, m, inSize, outSize);
  if (bias) addRowVector(y, bias.data.data, m, outSize);
  return y;
}

/** Accumulates dW = d^T x and db = sum d, and returns dx = d W. */
export function denseBackward(
  rows: Float32Array,
  d: Float32Array,
  m: number,
  weight: Parameter,
  bias: Parameter | null,
  inSize: number,
  outSize: number,
): Float32Array {
  if (weight.requiresGrad) weight.accumulateGrad(matmulTransposedA(d, rows, m, outSize, inSize));
  if (bias?.requiresGrad) bias.accumulateGrad(sumRows(d, m, outSize));
  return matmul(d, weight.data.data, m, outSize, inSize);
}
