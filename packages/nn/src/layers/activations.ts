import { Tensor } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import { Module } from '../module.js';
import { checkSameShape } from './shape-checks.js';

/** An element-wise activation; the backward needs only the cached input or output. */
abstract class ElementwiseActivation extends Module {
  private cache: { x: Tensor; y: Tensor } | null = null;

  protected abstract apply(x: number): number;
  /** dy/dx from the input x and the output y. */
  protected abstract derivative(x: number, y: number): number;

  async forward(x: Tensor): Promise<Tensor> {
    const y = new Tensor(x.data.map((v) => this.apply(v)), x.shape);
    this.cache = { x, y };
    return y;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const c = this.cache;
    if (!c) throw new ModuleError(`${this.constructor.name}.backward() needs a forward() first.`);
    checkSameShape(gradOutput, c.y, this.constructor.name);
    const out = new Float32Array(gradOutput.size());
    for (let i = 0; i < out.length; i++) out[i] = gradOutput.data[i]! * this.derivative(c.x.data[i]!, c.y.data[i]!);
    return new Tensor(out, c.x.shape);
  }
}

/** max(x, 0); the gradient at 0 is 0, as in torch. */
export class ReLU extends ElementwiseActivation {
  protected apply(x: number): number {
    return x > 0 ? x : 0;
  }

  protected derivative(x: number): number {
    return x > 0 ? 1 : 0;
  }
}

export class Tanh extends ElementwiseActivation {
  protected apply(x: number): number {
    return Math.tanh(x);
  }

  protected derivative(_x: number, y: number): number {
    return 1 - y * y;
  }
}

export class Sigmoid extends ElementwiseActivation {
  protected apply(x: number): number {
    return 1 / (1 + Math.exp(-x));
  }

  protected derivative(_x: number, y: number): number {
    return y * (1 - y);
  }
}
