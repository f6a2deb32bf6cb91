import { ShapeError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';

/** A batch in the layout the kernels use: `batch` rows of `cols` values (bias 1 appended). */
export interface KernelBatch {
  data: Float32Array;
  batch: number;
  /** Whether the caller passed a single vector (rank 1), so the result is a vector too. */
  vector: boolean;
  /** Whether every value was checked to be finite (always, unless the kernel checks itself). */
  checked: boolean;
}

/**
 * Converts a user tensor ([batch, size], [size], or [size, batch] when transposed) into a
 * row-major batch with `size` (+1 when `appendOne`) columns. Where no layout change is needed the
 * batch is the tensor's own data, not a copy: kernels treat their inputs as read-only (the
 * conformance suite checks it), and callers that scale a batch do it into a new array. With
 * `kernelChecks` (the kernel's checksFiniteInputs), such a batch is left for the kernel to check.
 */
export function toKernelBatch(t: Tensor, size: number, transposed: boolean, appendOne: boolean, what: string, kernelChecks = false): KernelBatch {
  const vector = t.rank === 1;
  if (t.rank !== 1 && t.rank !== 2) throw new ShapeError(`${what} must be rank 1 or 2, got shape [${t.shape.join(', ')}].`);
  const featureDim = vector ? 0 : transposed ? 0 : 1;
  if (t.shape[featureDim] !== size) {
    throw new ShapeError(
      `${what} has shape [${t.shape.join(', ')}] but the tile expects ${size} features${transposed ? ' in dimension 0 (inTrans)' : ' in the last dimension'}.`,
    );
  }
  const batch = vector ? 1 : (t.shape[transposed ? 1 : 0] as number);
  const cols = size + (appendOne ? 1 : 0);
  const src = t.data;
  if (!appendOne && !transposed) {
    if (!kernelChecks) assertFinite(src, what);
    // a shared buffer is copied: onnxruntime, for one, takes no SharedArrayBuffer
    return { data: src.buffer instanceof ArrayBuffer ? src : src.slice(), batch, vector, checked: !kernelChecks };
  }
  assertFinite(src, what);
  const data = new Float32Array(batch * cols);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < size; j++) data[b * cols + j] = transposed && !vector ? src[j * batch + b]! : src[b * size + j]!;
    if (appendOne) data[b * cols + size] = 1;
  }
  return { data, batch, vector, checked: true };
}

/** Throws a ShapeError when `src` holds a NaN or an infinity, naming the first one. */
export function assertFinite(src: Float32Array, what: string): void {
  // `v * 0` is 0 for every finite v and NaN otherwise, so four running sums find any non-finite
  // value about 5x faster than a Number.isFinite call per value; the slow scan only names it.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const whole = src.length - (src.length % 4);
  for (let i = 0; i < whole; i += 4) {
    a += src[i]! * 0;
    b += src[i + 1]! * 0;
    c += src[i + 2]! * 0;
    d += src[i + 3]! * 0;
  }
  for (let i = whole; i < src.length; i++) a += src[i]! * 0;
  if (a + b + c + d === 0) return;
  for (let i = 0; i < src.length; i++) {
    if (!Number.isFinite(src[i]!)) throw new ShapeError(`${what} contains a non-finite value (${src[i]}) at flat index ${i}.`);
  }
}

/** The inverse layout step for outputs: [batch, size], [size] or [size, batch]. */
export function fromKernelBatch(data: Float32Array, batch: number, size: number, transposed: boolean, vector: boolean): Tensor {
  if (vector) return new Tensor(data.subarray(0, size).slice(), [size]);
  if (!transposed) return new Tensor(data, [batch, size]);
  const out = new Float32Array(batch * size);
  for (let b = 0; b < batch; b++) for (let j = 0; j < size; j++) out[j * batch + b] = data[b * size + j]!;
  return new Tensor(out, [size, batch]);
}

/** Accepts a Tensor or nested/flat number arrays. */
export function asTensor(value: Tensor | number[] | number[][], what: string): Tensor {
  if (value instanceof Tensor) return value;
  if (!Array.isArray(value)) throw new ShapeError(`${what} must be a Tensor or an array of numbers.`);
  return Tensor.from(value);
}
