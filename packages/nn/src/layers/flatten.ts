import { ConfigError, ShapeError, Tensor, type Shape } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import { Module } from '../module.js';

/** Merges dimensions startDim..endDim into one (torch's nn.Flatten, default: all but the batch). */
export class Flatten extends Module {
  private inputShape: Shape | null = null;

  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
    if (!Number.isInteger(startDim) || !Number.isInteger(endDim)) throw new ConfigError('Flatten dimensions must be integers.', 'startDim');
  }

  async forward(x: Tensor): Promise<Tensor> {
    const norm = (d: number) => (d < 0 ? d + x.rank : d);
    const start = norm(this.startDim);
    const end = norm(this.endDim);
    if (start < 0 || end >= x.rank || start > end) {
      throw new ShapeError(`Flatten(${this.startDim}, ${this.endDim}) does not fit an input of rank ${x.rank} (shape [${x.shape.join(', ')}]).`);
    }
    this.inputShape = x.shape;
    const merged = x.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
    return new Tensor(x.data, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    if (!this.inputShape) throw new ModuleError('Flatten.backward() needs a forward() first.');
    return gradOutput.reshape(this.inputShape);
  }
}
