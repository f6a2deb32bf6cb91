import { ShapeError, type Tensor } from '@analogkit/core';
import { ModuleError } from '../errors.js';

/** A loss with mean reduction: `forward(pred, target)` returns the value, `backward()` the gradient w.r.t. pred. */
export abstract class Loss {
  private gradient: Tensor | null = null;

  /** The loss of `prediction` against `target`; keeps the gradient for backward(). */
  forward(prediction: Tensor, target: Tensor): number {
    const { value, gradient } = this.compute(prediction, target);
    this.gradient = gradient;
    return value;
  }

  /** The gradient of the last forward's loss w.r.t. its prediction. */
  backward(): Tensor {
    if (!this.gradient) throw new ModuleError(`${this.constructor.name}.backward() needs a forward() first.`);
    return this.gradient;
  }

  protected abstract compute(prediction: Tensor, target: Tensor): { value: number; gradient: Tensor };
}

/** Checks [N, C] predictions and returns N and C. */
export function batchClasses(prediction: Tensor, what: string): [number, number] {
  if (prediction.rank !== 2 || prediction.shape[0] === 0) {
    throw new ShapeError(`${what} expects predictions of shape [batch, classes], got [${prediction.shape.join(', ')}].`);
  }
  return [prediction.shape[0]!, prediction.shape[1]!];
}

/** Checks class-index targets [N] (integers in [0, C)) and returns them. */
export function classIndices(target: Tensor, n: number, c: number, what: string): Int32Array {
  if (target.rank !== 1 || target.shape[0] !== n) {
    throw new ShapeError(`${what} expects class-index targets of shape [${n}], got [${target.shape.join(', ')}].`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = target.data[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= c) throw new ShapeError(`${what}: target ${i} is ${t}; class indices must be integers in [0, ${c - 1}].`);
    out[i] = t;
  }
  return out;
}
