import { describe, expect, it } from 'vitest';
import { AnalogKitError, ReadOnlyViewError, ShapeError } from '../errors.js';
import { Tensor } from './tensor.js';

describe('Tensor construction', () => {
  it('defaults to a flat shape and freezes the shape', () => {
    const t = new Tensor([1, 2, 3]);
    expect(t.shape).toEqual([3]);
    expect(t.rank).toBe(1);
    expect(t.size()).toBe(3);
    expect(t.readOnly).toBe(false);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it('copies a caller’s shape array', () => {
    const shape = [2, 3];
    const t = Tensor.zeros(shape);
    shape[0] = 7;
    expect(t.shape).toEqual([2, 3]);
  });

  it('stores float32: plain arrays and Float64Arrays are converted (rounded) and copied', () => {
    const source = [0.1, 1 / 3];
    const t = new Tensor(source);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.toArray()).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    source[0] = 9;
    expect(t.get(0)).toBe(Math.fround(0.1));

    const f64 = Float64Array.from([0.1, 0.2]);
    const u = new Tensor(f64);
    f64[0] = 5;
    expect(u.get(0)).toBe(Math.fround(0.1));
  });

  it('wraps a Float32Array without copying it', () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const t = new Tensor(data, [2, 2]);
    expect(t.data).toBe(data);
  });

  it('accepts rank 0 (one element) and empty dimensions', () => {
    const scalar = new Tensor([5], []);
    expect(scalar.rank).toBe(0);
    expect(scalar.size()).toBe(1);
    expect(scalar.get()).toBe(5);
    expect(Tensor.zeros([0, 3]).size()).toBe(0);
    expect(Tensor.zeros([2, 0]).shape).toEqual([2, 0]);
  });

  it.each([
    { data: [1, 2, 3], shape: [2, 2] },
    { data: [1, 2, 3, 4], shape: [4, 2] },
    { data: [], shape: [1] },
    { data: [1, 2], shape: [] },
  ])('rejects $data.length elements for shape $shape with ShapeError', ({ data, shape }) => {
    expect(() => new Tensor(data, shape)).toThrow(ShapeError);
    expect(() => new Tensor(data, shape)).toThrow(new RegExp(`has ${data.length} elements.*\\[${shape.join(', ')}\\]`));
  });

  it.each([[[-1, 2]], [[1.5, 2]], [[NaN]], [[Infinity]], [[2, -0.5]]])('rejects the invalid shape %j', (shape) => {
    expect(() => Tensor.zeros(shape)).toThrow(ShapeError);
    expect(() => Tensor.fill(shape, 1)).toThrow(ShapeError);
    expect(() => new Tensor([1, 2], shape)).toThrow(/non-negative integer/);
  });

  it('ShapeError is an AnalogKitError with a stable code', () => {
    const err = (() => {
      try {
        Tensor.zeros([-1]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AnalogKitError);
    expect((err as ShapeError).code).toBe('SHAPE_ERROR');
    expect((err as ShapeError).name).toBe('ShapeError');
  });

  it('zeros() and fill()', () => {
    expect(Tensor.zeros([2, 3]).toArray()).toEqual([0, 0, 0, 0, 0, 0]);
    const t = Tensor.fill([3, 1], 0.25);
    expect(t.shape).toEqual([3, 1]);
    expect(t.toArray()).toEqual([0.25, 0.25, 0.25]);
  });
});

describe('Tensor.from', () => {
  it('builds rank 2 from nested arrays', () => {
    const t = Tensor.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.get(1, 0)).toBe(4);
    expect(t.toNested()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('builds rank 1 from a flat array, and an empty tensor from []', () => {
    expect(Tensor.from([1, 2]).shape).toEqual([2]);
    expect(Tensor.from([]).shape).toEqual([0]);
  });

  it('builds [1, 0] from [[]]', () => {
    expect(Tensor.from([[]]).shape).toEqual([1, 0]);
  });

  it.each([
    [[[1, 2], [3]]],
    [[[1], [2, 3]]],
    [[[], [1]]],
    [[[1, 2], [3, 4], [5, 6, 7]]],
  ])('rejects ragged nested arrays %j with ShapeError', (rows) => {
    expect(() => Tensor.from(rows)).toThrow(ShapeError);
    expect(() => Tensor.from(rows)).toThrow(/rectangular/);
  });

  it('does not alias the nested input', () => {
    const rows = [[1, 2]];
    const t = Tensor.from(rows);
    rows[0]![0] = 9;
    expect(t.get(0, 0)).toBe(1);
  });
});

describe('Tensor views and copies', () => {
  it('clone() is an independent writable copy, also of a read-only tensor', () => {
    const a = Tensor.from([[1, 2]]).asReadOnly();
    const b = a.clone();
    expect(b.readOnly).toBe(false);
    expect(b.shape).toEqual([1, 2]);
    expect(b.data).not.toBe(a.data);
    b.set(7, 0, 0);
    b.addInPlace(1);
    expect(a.toArray()).toEqual([1, 2]);
    expect(b.toArray()).toEqual([8, 3]);
  });

  it('changes to the original do not reach a clone', () => {
    const a = Tensor.from([1, 2, 3]);
    const b = a.clone();
    a.fillInPlace(0);
    expect(b.toArray()).toEqual([1, 2, 3]);
  });

  it('asReadOnly() shares memory with the original', () => {
    const a = Tensor.from([1, 2]);
    const view = a.asReadOnly();
    expect(view.readOnly).toBe(true);
    expect(a.readOnly).toBe(false);
    a.set(5, 0);
    expect(view.get(0)).toBe(5);
  });

  it('reshape() keeps memory and read-only-ness and checks the size', () => {
    const a = Tensor.from([1, 2, 3, 4, 5, 6]);
    const r = a.reshape([2, 3]);
    expect(r.shape).toEqual([2, 3]);
    expect(r.data).toBe(a.data);
    expect(r.readOnly).toBe(false);
    expect(a.asReadOnly().reshape([3, 2]).readOnly).toBe(true);
    expect(() => a.reshape([4, 2])).toThrow(ShapeError);
  });

  it('toArray() is a copy', () => {
    const a = Tensor.from([1, 2]);
    const arr = a.toArray();
    arr[0] = 9;
    expect(a.get(0)).toBe(1);
  });

  it('toNested() needs rank 2 and copies', () => {
    expect(() => Tensor.from([1, 2]).toNested()).toThrow(ShapeError);
    expect(() => Tensor.zeros([1, 1, 1]).toNested()).toThrow(/rank-2/);
    const a = Tensor.from([[1, 2]]);
    a.toNested()[0]![0] = 9;
    expect(a.get(0, 0)).toBe(1);
    expect(Tensor.zeros([0, 2]).toNested()).toEqual([]);
  });
});

describe('Tensor indexing', () => {
  const t = Tensor.from([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('get() reads row-major', () => {
    expect(t.get(0, 2)).toBe(3);
    expect(t.get(1, 1)).toBe(5);
  });

  it.each([[[0]], [[0, 0, 0]], [[2, 0]], [[0, 3]], [[-1, 0]], [[0.5, 0]]])('get(%j) throws ShapeError', (index) => {
    expect(() => t.get(...index)).toThrow(ShapeError);
  });

  it('set() writes and checks the index', () => {
    const u = t.clone();
    u.set(9, 1, 2);
    expect(u.get(1, 2)).toBe(9);
    expect(() => u.set(1, 2, 0)).toThrow(ShapeError);
    expect(() => u.set(1, 0)).toThrow(/rank/);
  });
});

describe('Tensor arithmetic', () => {
  const a = Tensor.from([
    [1, -2],
    [3, 0.5],
  ]);
  const b = Tensor.from([
    [10, 20],
    [30, 40],
  ]);

  it('add() and mul() with a number or a tensor return new tensors', () => {
    expect(a.add(1).toArray()).toEqual([2, -1, 4, 1.5]);
    expect(a.mul(2).toArray()).toEqual([2, -4, 6, 1]);
    expect(a.add(b).toArray()).toEqual([11, 18, 33, 40.5]);
    expect(a.mul(b).toArray()).toEqual([10, -40, 90, 20]);
    const sum = a.add(b);
    expect(sum.shape).toEqual([2, 2]);
    expect(sum.data).not.toBe(a.data);
    expect(a.toArray()).toEqual([1, -2, 3, 0.5]);
    expect(b.toArray()).toEqual([10, 20, 30, 40]);
  });

  it('results are float32', () => {
    expect(Tensor.from([0.1]).add(0.2).get(0)).toBe(Math.fround(Math.fround(0.1) + 0.2));
    expect(Tensor.from([0.1]).add(0.2).data).toBeInstanceOf(Float32Array);
  });

  it('out-of-place ops work on read-only tensors and give writable results', () => {
    const view = a.asReadOnly();
    const r = view.add(1);
    expect(r.readOnly).toBe(false);
    expect(view.mul(b).toArray()).toEqual([10, -40, 90, 20]);
  });

  it.each(['add', 'mul', 'addInPlace', 'mulInPlace'] as const)('%s() rejects a tensor of another size', (op) => {
    const c = a.clone();
    expect(() => c[op](Tensor.zeros([3]))).toThrow(ShapeError);
    expect(() => c[op](Tensor.zeros([3]))).toThrow(new RegExp(`^${op}:`));
    expect(c.toArray()).toEqual(a.toArray());
  });

  it('addInPlace(), mulInPlace() and fillInPlace() change the tensor and return it', () => {
    const c = a.clone();
    expect(c.addInPlace(1)).toBe(c);
    expect(c.toArray()).toEqual([2, -1, 4, 1.5]);
    expect(c.mulInPlace(b)).toBe(c);
    expect(c.toArray()).toEqual([20, -20, 120, 60]);
    expect(c.addInPlace(b)).toBe(c);
    expect(c.toArray()).toEqual([30, 0, 150, 100]);
    expect(c.mulInPlace(0.5)).toBe(c);
    expect(c.toArray()).toEqual([15, 0, 75, 50]);
    expect(c.fillInPlace(-1)).toBe(c);
    expect(c.toArray()).toEqual([-1, -1, -1, -1]);
  });

  it('in-place ops with the tensor itself as argument', () => {
    const c = Tensor.from([1, 2, 3]);
    c.addInPlace(c);
    expect(c.toArray()).toEqual([2, 4, 6]);
    c.mulInPlace(c);
    expect(c.toArray()).toEqual([4, 16, 36]);
  });

  const inPlace: Array<[string, (t: Tensor) => unknown]> = [
    ['set', (t) => t.set(1, 0, 0)],
    ['addInPlace', (t) => t.addInPlace(1)],
    ['addInPlace', (t) => t.addInPlace(Tensor.zeros([2, 2]))],
    ['mulInPlace', (t) => t.mulInPlace(2)],
    ['mulInPlace', (t) => t.mulInPlace(Tensor.zeros([2, 2]))],
    ['fillInPlace', (t) => t.fillInPlace(0)],
  ];

  it.each(inPlace)('%s() on a read-only tensor throws ReadOnlyViewError and changes nothing', (op, call) => {
    const view = a.clone().asReadOnly();
    const before = view.toArray();
    let err: unknown;
    try {
      call(view);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadOnlyViewError);
    expect((err as ReadOnlyViewError).code).toBe('READ_ONLY_VIEW');
    expect((err as Error).message).toContain(`${op}()`);
    expect((err as Error).message).toContain('clone()');
    expect(view.toArray()).toEqual(before);
  });

  it('the read-only check comes before the size check', () => {
    expect(() => a.asReadOnly().addInPlace(Tensor.zeros([5]))).toThrow(ReadOnlyViewError);
  });
});

describe('Tensor reductions', () => {
  const t = Tensor.from([
    [3, -4],
    [1, -7],
  ]);

  it('sum, max, min, absMax, norm', () => {
    expect(t.sum()).toBe(-7);
    expect(t.max()).toBe(3);
    expect(t.min()).toBe(-7);
    expect(t.absMax()).toBe(7);
    expect(t.norm()).toBeCloseTo(Math.sqrt(9 + 16 + 1 + 49), 12);
    expect(Tensor.from([3, 4]).norm()).toBe(5);
  });

  it('absMax() of a positive-dominated tensor and max() of an all-negative one', () => {
    expect(Tensor.from([-1, 2.5, -2]).absMax()).toBe(2.5);
    expect(Tensor.from([-3, -1, -2]).max()).toBe(-1);
    expect(Tensor.from([3, 1, 2]).min()).toBe(1);
  });

  it('work on read-only tensors', () => {
    const view = t.asReadOnly();
    expect(view.sum()).toBe(-7);
    expect(view.norm()).toBe(t.norm());
  });

  it('of an empty tensor: sum 0, norm 0, absMax 0, max -Infinity, min Infinity', () => {
    const e = Tensor.zeros([0]);
    expect(e.sum()).toBe(0);
    expect(e.norm()).toBe(0);
    expect(e.absMax()).toBe(0);
    expect(e.max()).toBe(-Infinity);
    expect(e.min()).toBe(Infinity);
  });

  it('sum accumulates in float64', () => {
    const n = 1 << 20;
    expect(Tensor.fill([n], 0.1).sum()).toBeCloseTo(n * Math.fround(0.1), 3);
  });
});
