import { ShapeError, Tensor, type Shape } from '@analogkit/core';

/** An input [..., features] seen as a matrix of rows [M, features]; `lead` keeps the leading shape. */
export interface FeatureRows {
  rows: Float32Array;
  m: number;
  lead: Shape;
}

/** The rows of a rank >= 1 input whose last dimension is `features` (the data is not copied). */
export function featureRows(x: Tensor, features: number, what: string): FeatureRows {
  if (x.rank < 1 || x.shape[x.rank - 1] !== features) {
    throw new ShapeError(`${what} expects inputs of shape [..., ${features}], got [${x.shape.join(', ')}].`);
  }
  return { rows: x.data, m: x.size() / features, lead: x.shape.slice(0, -1) };
}

/** Rows [M, features] back in the caller's leading shape. */
export function fromFeatureRows(rows: Float32Array, lead: Shape, features: number): Tensor {
  return new Tensor(rows, [...lead, features]);
}

/** The gradient of an output [..., features] as rows, checked against the forward's shape. */
export function gradientRows(g: Tensor, lead: Shape, features: number, what: string): Float32Array {
  const expected = [...lead, features];
  if (g.rank !== expected.length || g.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(`${what}: the output gradient has shape [${g.shape.join(', ')}], the last output had [${expected.join(', ')}].`);
  }
  return g.data;
}
