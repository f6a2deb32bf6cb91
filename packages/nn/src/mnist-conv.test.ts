import { Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { AnalogConv2d } from './analog/analog-conv.js';
import { AnalogLinear } from './analog/analog-linear.js';
import { loadMnist } from './data/mnist.js';
import { ReLU } from './layers/activations.js';
import { Flatten } from './layers/flatten.js';
import { MaxPool2d } from './layers/pooling.js';
import { CrossEntropyLoss } from './losses/cross-entropy-loss.js';
import { testRuntime } from './nn-test-support.js';
import { AnalogSGD } from './optim/analog-optimizer.js';
import { AnalogSequential } from './sequential.js';

function rows(t: Tensor, start: number, count: number): Tensor {
  const per = t.size() / t.shape[0]!;
  return new Tensor(t.data.subarray(start * per, (start + count) * per), [count, ...t.shape.slice(1)]);
}

function accuracy(logits: Tensor, labels: Tensor): number {
  const [n, c] = logits.shape as [number, number];
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (logits.get(i, k) > logits.get(i, best)) best = k;
    if (best === labels.data[i]) correct += 1;
  }
  return correct / n;
}

describe('an analog conv net on an MNIST subset', () => {
  it('learns with pulsed updates (3 epochs of 640 images): the loss halves and test accuracy is far above chance (10%)', async () => {
    const train = await loadMnist({ split: 'train', limit: 640 });
    const test = await loadMnist({ split: 'test', limit: 200 });
    const runtime = testRuntime(11);
    const model = new AnalogSequential(
      new AnalogConv2d(1, 8, 5, { stride: 2, runtime, seed: 1 }),
      new ReLU(),
      new MaxPool2d(2),
      new Flatten(),
      new AnalogLinear(8 * 6 * 6, 10, { runtime, seed: 2 }),
    );
    const opt = new AnalogSGD(model, { lr: 0.1 });
    const criterion = new CrossEntropyLoss();
    const losses: number[] = [];
    for (let step = 0; step < 60; step++) {
      const b = step % 20;
      opt.zeroGrad();
      losses.push(criterion.forward(await model.forward(rows(train.images, b * 32, 32)), rows(train.labels, b * 32, 32)));
      await model.backward(criterion.backward());
      await opt.step();
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 5)) * 0.5);
    model.eval();
    const acc = accuracy(await model.forward(test.images), test.labels);
    expect(acc).toBeGreaterThan(0.5);
  });
});
