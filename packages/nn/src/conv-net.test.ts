import { Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { AnalogConv2d } from './analog/analog-conv.js';
import { AnalogLinear } from './analog/analog-linear.js';
import { ReLU } from './layers/activations.js';
import { Flatten } from './layers/flatten.js';
import { MaxPool2d } from './layers/pooling.js';
import { CrossEntropyLoss } from './losses/cross-entropy-loss.js';
import { testRuntime } from './nn-test-support.js';
import { AnalogSGD } from './optim/analog-optimizer.js';
import { AnalogSequential } from './sequential.js';

/** 8x8 images of one vertical (class 0) or horizontal (class 1) bar at a random position, with noise. */
function barImages(count: number, seed: number): { x: Tensor; y: Tensor } {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(count * 64);
  const y = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const label = n % 2;
    const pos = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) x[n * 64 + i * 8 + j] = ((label === 0 ? j : i) === pos ? 1 : 0) + 0.1 * (rand() - 0.5);
    }
    y[n] = label;
  }
  return { x: new Tensor(x, [count, 1, 8, 8]), y: new Tensor(y) };
}

function batch(t: Tensor, start: number, size: number): Tensor {
  const per = t.size() / t.shape[0]!;
  return new Tensor(t.data.slice(start * per, (start + size) * per), [size, ...t.shape.slice(1)]);
}

describe('a small analog conv net (AnalogConv2d, ReLU, MaxPool2d, Flatten, AnalogLinear)', () => {
  it('trains on synthetic bar images with pulsed ConstantStep updates: the loss falls', async () => {
    const runtime = testRuntime(8);
    const model = new AnalogSequential(
      new AnalogConv2d(1, 4, 3, { padding: 1, runtime, seed: 1 }),
      new ReLU(),
      new MaxPool2d(2),
      new Flatten(),
      new AnalogLinear(64, 2, { runtime, seed: 2 }),
    );
    const data = barImages(32, 5);
    const opt = new AnalogSGD(model, { lr: 0.1 });
    const criterion = new CrossEntropyLoss();
    const epochLoss: number[] = [];
    for (let epoch = 0; epoch < 15; epoch++) {
      let total = 0;
      for (let b = 0; b < 4; b++) {
        opt.zeroGrad();
        const out = await model.forward(batch(data.x, b * 8, 8));
        total += criterion.forward(out, batch(data.y, b * 8, 8));
        await model.backward(criterion.backward());
        await opt.step();
      }
      epochLoss.push(total / 4);
    }
    expect(epochLoss[0]).toBeGreaterThan(0.5);
    expect(epochLoss[14]).toBeLessThan(epochLoss[0]! * 0.35);
    model.eval();
    const test = barImages(16, 9);
    const logits = await model.forward(test.x);
    let correct = 0;
    for (let n = 0; n < 16; n++) if ((logits.get(n, 1) > logits.get(n, 0) ? 1 : 0) === test.y.data[n]) correct += 1;
    expect(correct).toBeGreaterThanOrEqual(14);
  });
});
