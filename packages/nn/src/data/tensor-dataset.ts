import { ShapeError, Tensor } from '@analogkit/core';
import { DatasetError } from './dataset-error.js';

/** Anything a DataLoader can batch: a length and a way to gather the examples at some indices into one batch. */
export interface Dataset<B> {
  readonly length: number;
  batch(indices: ArrayLike<number>): B;
}

/** Targets: class indices (Int32Array) or a tensor whose first dimension counts the examples. */
export type Targets = Tensor | Int32Array;

export interface TensorBatch<T extends Targets> {
  inputs: Tensor;
  targets: T;
}

function rows(t: Targets): number {
  return t instanceof Tensor ? (t.shape[0] ?? 0) : t.length;
}

/** Copies the rows at `indices` of a tensor (rows along the first dimension) or an Int32Array into a new one. */
function gather<T extends Targets>(source: T, indices: ArrayLike<number>): T {
  if (!(source instanceof Tensor)) return Int32Array.from(indices, (i) => source[i]!) as T;
  const rowSize = source.shape.slice(1).reduce((product, d) => product * d, 1);
  const out = new Float32Array(indices.length * rowSize);
  for (let b = 0; b < indices.length; b++) {
    const start = indices[b]! * rowSize;
    out.set(source.data.subarray(start, start + rowSize), b * rowSize);
  }
  return new Tensor(out, [indices.length, ...source.shape.slice(1)]) as T;
}

/** Examples stored as the rows of an inputs tensor and the matching targets (first dimension = example). */
export class TensorDataset<T extends Targets = Tensor> implements Dataset<TensorBatch<T>> {
  readonly length: number;

  constructor(
    readonly inputs: Tensor,
    readonly targets: T,
  ) {
    if (inputs.rank === 0) throw new ShapeError('TensorDataset inputs need a first dimension that counts the examples; got a scalar.');
    this.length = inputs.shape[0]!;
    if (rows(targets) !== this.length) {
      throw new ShapeError(`TensorDataset has ${this.length} inputs but ${rows(targets)} targets; the first dimensions must match.`);
    }
  }

  batch(indices: ArrayLike<number>): TensorBatch<T> {
    for (let b = 0; b < indices.length; b++) {
      const i = indices[b]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.length) {
        throw new DatasetError(`TensorDataset index ${i} is out of range for ${this.length} examples.`);
      }
    }
    return { inputs: gather(this.inputs, indices), targets: gather(this.targets, indices) };
  }
}
