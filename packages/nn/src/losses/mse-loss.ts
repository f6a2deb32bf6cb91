import { ShapeError, Tensor } from '@analogkit/core';
import { Loss } from './loss.js';

/** Mean squared error over all elements (torch's nn.MSELoss with mean reduction). */
export class MSELoss extends Loss {
  protected compute(prediction: Tensor, target: Tensor): { value: number; gradient: Tensor } {
    if (prediction.rank !== target.rank || prediction.shape.some((d, i) => d !== target.shape[i])) {
      throw new ShapeError(`MSELoss: prediction [${prediction.shape.join(', ')}] and target [${target.shape.join(', ')}] must have the same shape.`);
    }
    const n = prediction.size();
    const gradient = new Float32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = prediction.data[i]! - target.data[i]!;
      sum += e * e;
      gradient[i] = (2 * e) / n;
    }
    return { value: sum / n, gradient: new Tensor(gradient, prediction.shape) };
  }
}
