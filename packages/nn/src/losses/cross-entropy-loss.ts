import { ShapeError, Tensor } from '@analogkit/core';
import { logSoftmax } from '../layers/log-softmax.js';
import { batchClasses, classIndices, Loss } from './loss.js';

/**
 * Cross entropy of logits [N, C] (log-softmax inside), averaged over the batch (torch's
 * nn.CrossEntropyLoss): targets are class indices [N] or class probabilities [N, C].
 */
export class CrossEntropyLoss extends Loss {
  protected compute(prediction: Tensor, target: Tensor): { value: number; gradient: Tensor } {
    const [n, c] = batchClasses(prediction, 'CrossEntropyLoss');
    const probabilities = this.targetProbabilities(target, n, c);
    const logProbs = logSoftmax(prediction.data, { outer: n, size: c, inner: 1 });
    const gradient = new Float32Array(n * c);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      let mass = 0;
      for (let k = r * c; k < (r + 1) * c; k++) mass += probabilities[k]!;
      for (let k = r * c; k < (r + 1) * c; k++) {
        const t = probabilities[k]!;
        if (t !== 0) sum -= t * logProbs[k]!;
        gradient[k] = (Math.exp(logProbs[k]!) * mass - t) / n;
      }
    }
    return { value: sum / n, gradient: new Tensor(gradient, prediction.shape) };
  }

  private targetProbabilities(target: Tensor, n: number, c: number): Float32Array {
    if (target.rank === 2) {
      if (target.shape[0] !== n || target.shape[1] !== c) {
        throw new ShapeError(`CrossEntropyLoss: probability targets must have shape [${n}, ${c}], got [${target.shape.join(', ')}].`);
      }
      return target.data;
    }
    const indices = classIndices(target, n, c, 'CrossEntropyLoss');
    const out = new Float32Array(n * c);
    indices.forEach((k, i) => (out[i * c + k] = 1));
    return out;
  }
}
