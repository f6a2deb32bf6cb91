import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { toKernelBatch } from './tile-io.js';

describe('toKernelBatch', () => {
  it('rejects NaN and infinities anywhere, naming the first one and its flat index', () => {
    const size = 7;
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const index of [0, 3, 5, 13]) {
        const data = Float32Array.from({ length: 2 * size }, (_, i) => (i % 3) - 1);
        data[index] = bad;
        if (index !== 13) data[13] = bad; // a later one is not the one named
        const x = new Tensor(data, [2, size]);
        expect(() => toKernelBatch(x, size, false, false, 'forward input')).toThrow(ShapeError);
        expect(() => toKernelBatch(x, size, false, false, 'forward input')).toThrow(`forward input contains a non-finite value (${bad}) at flat index ${index}.`);
      }
    }
  });

  it('passes finite values, -0 and the float32 extremes as the tensor\'s own data (kernels only read it)', () => {
    const data = Float32Array.of(-0, 3.4028234663852886e38, -3.4028234663852886e38, 1.4e-45, 2, 3);
    const x = new Tensor(data, [2, 3]);
    const batch = toKernelBatch(x, 3, false, false, 'x');
    expect(Array.from(batch.data)).toEqual(Array.from(data));
    expect(batch.data).toBe(data);
  });

  it('leaves the scan to a kernel that checks its inputs itself, unless the layout changes', () => {
    const x = new Tensor(Float32Array.of(1, NaN, 3, 4), [2, 2]);
    const handed = toKernelBatch(x, 2, false, false, 'x', true);
    expect(handed.data).toBe(x.data);
    expect(handed.checked).toBe(false);
    expect(toKernelBatch(new Tensor(Float32Array.of(1, 2, 3, 4), [2, 2]), 2, false, false, 'x').checked).toBe(true);
    for (const [transposed, appendOne] of [[true, false], [false, true]]) {
      expect(() => toKernelBatch(x, 2, transposed, appendOne, 'x', true)).toThrow('x contains a non-finite value (NaN) at flat index 1.');
    }
  });

  it('copies data held in a SharedArrayBuffer into an ordinary one', () => {
    const data = new Float32Array(new SharedArrayBuffer(24));
    data.set([1, 2, 3, 4, 5, 6]);
    const batch = toKernelBatch(new Tensor(data, [2, 3]), 3, false, false, 'x');
    expect(batch.data.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(batch.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
