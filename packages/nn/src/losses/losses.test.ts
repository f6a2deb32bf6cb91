import { ShapeError, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { LogSoftmax } from '../layers/log-softmax.js';
import { uniformTensor } from '../nn-test-support.js';
import { CrossEntropyLoss } from './cross-entropy-loss.js';
import type { Loss } from './loss.js';
import { MSELoss } from './mse-loss.js';
import { NLLLoss } from './nll-loss.js';

function expectGradientMatches(loss: Loss, prediction: Tensor, target: Tensor): void {
  loss.forward(prediction, target);
  const g = loss.backward().data.slice();
  const eps = 1e-2;
  for (let i = 0; i < prediction.size(); i++) {
    const base = prediction.data[i]!;
    prediction.data[i] = base + eps;
    const up = loss.forward(prediction, target);
    prediction.data[i] = base - eps;
    const down = loss.forward(prediction, target);
    prediction.data[i] = base;
    expect(Math.abs(g[i]! - (up - down) / (2 * eps))).toBeLessThan(1e-4);
  }
}

describe('losses (mean reduction)', () => {
  it('MSELoss: value and gradient', () => {
    const loss = new MSELoss();
    expect(loss.forward(Tensor.from([[1, 2], [3, 4]]), Tensor.from([[1, 0], [3, 5]]))).toBeCloseTo(5 / 4, 7);
    expectGradientMatches(loss, uniformTensor([3, 2], 1), uniformTensor([3, 2], 2));
  });

  it('NLLLoss picks the log-probability of the target class', () => {
    const loss = new NLLLoss();
    expect(loss.forward(Tensor.from([[-1, -2], [-3, -0.5]]), new Tensor([1, 0]))).toBeCloseTo(2.5, 7);
    expectGradientMatches(loss, uniformTensor([3, 4], 3), new Tensor([0, 3, 2]));
  });

  it('CrossEntropyLoss equals NLLLoss of LogSoftmax, with index or probability targets', async () => {
    const logits = uniformTensor([4, 3], 4, -2, 2);
    const target = new Tensor([2, 0, 1, 1]);
    const ce = new CrossEntropyLoss().forward(logits, target);
    const nll = new NLLLoss().forward(await new LogSoftmax().forward(logits), target);
    expect(ce).toBeCloseTo(nll, 6);
    const oneHot = new Tensor(Float32Array.from({ length: 12 }, (_, k) => (target.data[Math.floor(k / 3)] === k % 3 ? 1 : 0)), [4, 3]);
    expect(new CrossEntropyLoss().forward(logits, oneHot)).toBeCloseTo(ce, 6);
    expectGradientMatches(new CrossEntropyLoss(), logits, target);
    expectGradientMatches(new CrossEntropyLoss(), logits, new Tensor([0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0, 0, 1, 0.3, 0.3, 0.4], [4, 3]));
  });

  it('rejects bad targets', () => {
    expect(() => new CrossEntropyLoss().forward(Tensor.zeros([2, 3]), new Tensor([0, 3]))).toThrow(ShapeError);
    expect(() => new NLLLoss().forward(Tensor.zeros([2, 3]), new Tensor([0.5, 1]))).toThrow(ShapeError);
    expect(() => new MSELoss().forward(Tensor.zeros([2, 3]), Tensor.zeros([3, 2]))).toThrow(ShapeError);
    expect(() => new MSELoss().backward()).toThrow(/forward/);
  });
});
