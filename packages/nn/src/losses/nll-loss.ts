import { Tensor } from '@analogkit/core';
import { batchClasses, classIndices, Loss } from './loss.js';

/** Negative log-likelihood of log-probabilities [N, C] at class indices [N], averaged (torch's nn.NLLLoss). */
export class NLLLoss extends Loss {
  protected compute(prediction: Tensor, target: Tensor): { value: number; gradient: Tensor } {
    const [n, c] = batchClasses(prediction, 'NLLLoss');
    const t = classIndices(target, n, c, 'NLLLoss');
    const gradient = new Float32Array(n * c);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum -= prediction.data[i * c + t[i]!]!;
      gradient[i * c + t[i]!] = -1 / n;
    }
    return { value: sum / n, gradient: new Tensor(gradient, prediction.shape) };
  }
}
