import { ReadOnlyViewError, ShapeError } from '../errors.js';

export type Shape = readonly number[];

function checkShape(shape: Shape): number {
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`Invalid tensor shape [${shape.join(', ')}]: every dimension must be a non-negative integer.`);
    }
    size *= d;
  }
  return size;
}

/**
 * A float32, row-major tensor. A read-only tensor blocks the in-place methods; its `data`
 * is still a typed array, so callers that need guarantees get a copy from `toArray()`.
 */
export class Tensor {
  readonly shape: Shape;
  readonly data: Float32Array;
  readonly readOnly: boolean;

  constructor(data: Float32Array | ArrayLike<number>, shape?: Shape, options: { readOnly?: boolean } = {}) {
    const array = data instanceof Float32Array ? data : Float32Array.from(data);
    this.shape = Object.freeze([...(shape ?? [array.length])]);
    const size = checkShape(this.shape);
    if (size !== array.length) {
      throw new ShapeError(
        `Tensor data has ${array.length} elements but shape [${this.shape.join(', ')}] needs ${size}.`,
      );
    }
    this.data = array;
    this.readOnly = options.readOnly ?? false;
  }

  static zeros(shape: Shape): Tensor {
    return new Tensor(new Float32Array(checkShape(shape)), shape);
  }

  static fill(shape: Shape, value: number): Tensor {
    return new Tensor(new Float32Array(checkShape(shape)).fill(value), shape);
  }

  /** A tensor from nested arrays (`[[1, 2], [3, 4]]`) or a flat array. */
  static from(values: number[] | number[][]): Tensor {
    if (values.length > 0 && Array.isArray(values[0])) {
      const rows = values as number[][];
      const cols = rows[0]!.length;
      const out = new Float32Array(rows.length * cols);
      rows.forEach((row, i) => {
        if (row.length !== cols) {
          throw new ShapeError(`Row ${i} has ${row.length} entries, expected ${cols}: nested arrays must be rectangular.`);
        }
        out.set(row, i * cols);
      });
      return new Tensor(out, [rows.length, cols]);
    }
    return new Tensor(Float32Array.from(values as number[]));
  }

  size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** A writable deep copy. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** A read-only tensor over the same memory. */
  asReadOnly(): Tensor {
    return new Tensor(this.data, this.shape, { readOnly: true });
  }

  reshape(shape: Shape): Tensor {
    return new Tensor(this.data, shape, { readOnly: this.readOnly });
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Rows of a rank-2 tensor as nested arrays. */
  toNested(): number[][] {
    if (this.rank !== 2) throw new ShapeError(`toNested() needs a rank-2 tensor, got shape [${this.shape.join(', ')}].`);
    const [rows, cols] = this.shape as [number, number];
    return Array.from({ length: rows }, (_, i) => Array.from(this.data.subarray(i * cols, (i + 1) * cols)));
  }

  get(...index: number[]): number {
    return this.data[this.offset(index)]!;
  }

  private offset(index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new ShapeError(`Index of rank ${index.length} for a tensor of rank ${this.shape.length}.`);
    }
    let off = 0;
    for (let k = 0; k < index.length; k++) {
      const i = index[k]!;
      const d = this.shape[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= d) throw new ShapeError(`Index ${i} out of range for dimension ${k} of size ${d}.`);
      off = off * d + i;
    }
    return off;
  }

  private assertWritable(op: string): void {
    if (this.readOnly) {
      throw new ReadOnlyViewError(
        `${op}() is an in-place operation and this tensor is a read-only view; clone() it first, or change analog weights with tile.setWeights().`,
      );
    }
  }

  set(value: number, ...index: number[]): void {
    this.assertWritable('set');
    this.data[this.offset(index)] = value;
  }

  private other(b: Tensor | number, op: string): (i: number) => number {
    if (typeof b === 'number') return () => b;
    if (b.size() !== this.size()) {
      throw new ShapeError(`${op}: shapes [${this.shape.join(', ')}] and [${b.shape.join(', ')}] differ in size.`);
    }
    return (i) => b.data[i]!;
  }

  add(b: Tensor | number): Tensor {
    const o = this.other(b, 'add');
    return new Tensor(this.data.map((v, i) => v + o(i)), this.shape);
  }

  mul(b: Tensor | number): Tensor {
    const o = this.other(b, 'mul');
    return new Tensor(this.data.map((v, i) => v * o(i)), this.shape);
  }

  addInPlace(b: Tensor | number): this {
    this.assertWritable('addInPlace');
    const o = this.other(b, 'addInPlace');
    for (let i = 0; i < this.data.length; i++) this.data[i] = this.data[i]! + o(i);
    return this;
  }

  mulInPlace(b: Tensor | number): this {
    this.assertWritable('mulInPlace');
    const o = this.other(b, 'mulInPlace');
    for (let i = 0; i < this.data.length; i++) this.data[i] = this.data[i]! * o(i);
    return this;
  }

  fillInPlace(value: number): this {
    this.assertWritable('fillInPlace');
    this.data.fill(value);
    return this;
  }

  sum(): number {
    let s = 0;
    for (const v of this.data) s += v;
    return s;
  }

  max(): number {
    let m = -Infinity;
    for (const v of this.data) if (v > m) m = v;
    return m;
  }

  min(): number {
    let m = Infinity;
    for (const v of this.data) if (v < m) m = v;
    return m;
  }

  absMax(): number {
    let m = 0;
    for (const v of this.data) if (Math.abs(v) > m) m = Math.abs(v);
    return m;
  }

  /** The Frobenius (L2) norm. */
  norm(): number {
    let s = 0;
    for (const v of this.data) s += v * v;
    return Math.sqrt(s);
  }
}
