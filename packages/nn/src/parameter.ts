import { ShapeError, Tensor, type Shape } from '@analogkit/core';

/**
 * A digital, trainable tensor of a module (weights, biases, input ranges, out-scales) with its
 * accumulated gradient. Optimizers change `data` in place, so a parameter keeps its identity.
 */
export class Parameter {
  readonly data: Tensor;
  grad: Tensor | null = null;
  /** Whether optimizers change it (false for values that are only calibrated, e.g. a fixed input range). */
  readonly requiresGrad: boolean;

  constructor(data: Tensor, options: { requiresGrad?: boolean } = {}) {
    if (data.readOnly) throw new ShapeError('A parameter needs a writable tensor; clone() the read-only one first.');
    this.data = data;
    this.requiresGrad = options.requiresGrad ?? true;
  }

  get shape(): Shape {
    return this.data.shape;
  }

  /** Adds `values` (same number of elements) to the gradient, creating it on the first call. */
  accumulateGrad(values: Float32Array): void {
    if (values.length !== this.data.size()) {
      throw new ShapeError(`Gradient has ${values.length} values; the parameter of shape [${this.shape.join(', ')}] has ${this.data.size()}.`);
    }
    if (!this.grad) {
      this.grad = new Tensor(values.slice(), this.shape);
      return;
    }
    const g = this.grad.data;
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + values[i]!;
  }

  /** Overwrites the values in place (same number of elements). */
  assign(values: Float32Array | ArrayLike<number>): void {
    if (values.length !== this.data.size()) {
      throw new ShapeError(`Cannot assign ${values.length} values to a parameter of shape [${this.shape.join(', ')}].`);
    }
    this.data.data.set(values);
  }

  /** A copy with its own data (and gradient). */
  clone(): Parameter {
    const copy = new Parameter(this.data.clone(), { requiresGrad: this.requiresGrad });
    copy.grad = this.grad ? this.grad.clone() : null;
    return copy;
  }
}
