import { ShapeError, type Tensor } from '@analogkit/core';

/** Throws unless a gradient has the shape of the output it belongs to. */
export function checkSameShape(gradient: Tensor, output: Tensor, what: string): void {
  if (gradient.rank !== output.rank || gradient.shape.some((d, i) => d !== output.shape[i])) {
    throw new ShapeError(`${what}: the output gradient has shape [${gradient.shape.join(', ')}], the last output had [${output.shape.join(', ')}].`);
  }
}
