import { ConfigError, ShapeError, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ModuleError } from '../errors.js';
import { maxAbsDiff, uniformTensor } from '../nn-test-support.js';
import { ReLU, Sigmoid, Tanh } from './activations.js';
import { Conv1d, Conv2d } from './conv.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { awayFromZero, expectGradientsMatchFiniteDifferences } from './gradient-check-test-support.js';
import { Linear } from './linear.js';
import { LogSoftmax } from './log-softmax.js';
import { AvgPool2d, MaxPool2d } from './pooling.js';

describe('digital layers: backward against finite differences', () => {
  it('Linear (input, weight and bias gradients; leading dimensions kept)', async () => {
    await expectGradientsMatchFiniteDifferences(new Linear(4, 3, { seed: 1 }), uniformTensor([2, 2, 4], 1));
  });

  it('Conv2d with stride, padding and dilation', async () => {
    await expectGradientsMatchFiniteDifferences(new Conv2d(2, 2, [2, 3], { stride: [2, 1], padding: 1, dilation: [1, 2], seed: 2 }), uniformTensor([1, 2, 5, 6], 2));
  });

  it('Conv1d', async () => {
    await expectGradientsMatchFiniteDifferences(new Conv1d(2, 3, 3, { padding: 2, seed: 3 }), uniformTensor([2, 2, 5], 3));
  });

  it('ReLU, Tanh, Sigmoid', async () => {
    for (const m of [new ReLU(), new Tanh(), new Sigmoid()]) await expectGradientsMatchFiniteDifferences(m, awayFromZero([3, 4], 4), { eps: 1e-3 });
  });

  it('MaxPool2d and AvgPool2d (with padding)', async () => {
    await expectGradientsMatchFiniteDifferences(new MaxPool2d(2), uniformTensor([2, 2, 4, 6], 5), { eps: 1e-3 });
    await expectGradientsMatchFiniteDifferences(new MaxPool2d(3, { stride: 2, padding: 1 }), uniformTensor([1, 2, 5, 5], 6), { eps: 1e-3 });
    await expectGradientsMatchFiniteDifferences(new AvgPool2d([2, 3], { stride: 1, padding: [1, 1] }), uniformTensor([1, 2, 4, 4], 7));
  });

  it('Flatten and LogSoftmax (along the last and a middle dimension)', async () => {
    await expectGradientsMatchFiniteDifferences(new Flatten(), uniformTensor([2, 3, 2, 2], 8));
    await expectGradientsMatchFiniteDifferences(new LogSoftmax(), uniformTensor([3, 5], 9, -3, 3));
    await expectGradientsMatchFiniteDifferences(new LogSoftmax(1), uniformTensor([2, 3, 4], 10, -3, 3));
  });
});

describe('digital layers: forward', () => {
  it('Conv2d computes the cross-correlation of torch (naive loops as reference)', async () => {
    const conv = new Conv2d(2, 3, [3, 2], { stride: [1, 2], padding: [1, 0], dilation: [2, 1], seed: 4 });
    const x = uniformTensor([2, 2, 6, 5], 11);
    const y = await conv.forward(x);
    const [, , oh, ow] = y.shape as [number, number, number, number];
    expect([oh, ow]).toEqual([4, 2]);
    for (let n = 0; n < 2; n++) {
      for (let o = 0; o < 3; o++) {
        for (let i = 0; i < oh; i++) {
          for (let j = 0; j < ow; j++) {
            let s = conv.bias!.data.get(o);
            for (let c = 0; c < 2; c++) {
              for (let ki = 0; ki < 3; ki++) {
                for (let kj = 0; kj < 2; kj++) {
                  const h = i - 1 + 2 * ki;
                  const w = j * 2 + kj;
                  if (h >= 0 && h < 6 && w < 5) s += conv.weight.data.get(o, c, ki, kj) * x.get(n, c, h, w);
                }
              }
            }
            expect(y.get(n, o, i, j)).toBeCloseTo(s, 5);
          }
        }
      }
    }
  });

  it('MaxPool2d / AvgPool2d pick the window maximum / mean', async () => {
    const x = new Tensor(Float32Array.from({ length: 16 }, (_, i) => i), [1, 1, 4, 4]);
    expect(Array.from((await new MaxPool2d(2).forward(x)).data)).toEqual([5, 7, 13, 15]);
    expect(Array.from((await new AvgPool2d(2).forward(x)).data)).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('LogSoftmax rows exponentiate to probabilities', async () => {
    const y = await new LogSoftmax().forward(Tensor.from([[1, 2, 3], [1000, 0, -1000]]));
    expect(Math.exp(y.get(0, 0)) + Math.exp(y.get(0, 1)) + Math.exp(y.get(0, 2))).toBeCloseTo(1, 6);
    expect(y.get(1, 0)).toBeCloseTo(0, 6);
  });

  it('Linear init follows torch: U(-1/sqrt(in), 1/sqrt(in)) for weights and bias, seeded', () => {
    const a = new Linear(16, 8, { seed: 5 });
    const b = new Linear(16, 8, { seed: 5 });
    expect(maxAbsDiff(a.weight.data, b.weight.data)).toBe(0);
    expect(a.weight.data.absMax()).toBeLessThanOrEqual(0.25);
    expect(a.weight.data.absMax()).toBeGreaterThan(0.2);
    expect(a.bias!.data.absMax()).toBeLessThanOrEqual(0.25);
  });
});

describe('Dropout', () => {
  it('drops about p of the units in training, scales the rest by 1/(1-p), and routes the gradient through the mask', async () => {
    const dropout = new Dropout(0.25, { seed: 3 });
    const x = Tensor.fill([100, 40], 1);
    const y = await dropout.forward(x);
    const kept = y.data.filter((v) => v !== 0);
    // Binomial(4000, 0.75): std 27.4; 4 sigma.
    expect(Math.abs(kept.length - 3000)).toBeLessThan(110);
    expect(kept.every((v) => Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    const g = await dropout.backward(Tensor.fill([100, 40], 2));
    expect(Array.from(g.data)).toEqual(Array.from(y.data, (v) => v * 2));
    dropout.eval();
    expect(await dropout.forward(x)).toBe(x);
  });

  it('restores its random state from a state dict', async () => {
    const a = new Dropout(0.5, { seed: 1 });
    const b = new Dropout(0.5, { seed: 2 });
    await b.loadStateDict(await a.stateDict());
    const x = Tensor.fill([64], 1);
    expect(Array.from((await b.forward(x)).data)).toEqual(Array.from((await a.forward(x)).data));
    await expect(b.loadStateDict({ rng_state: [0, 0, 0, 0, 0, 0] })).rejects.toThrow(/not a valid random state/);
  });
});

describe('digital layers: errors', () => {
  it('say what is wrong', async () => {
    await expect(new Linear(3, 2, { seed: 1 }).forward(Tensor.zeros([2, 4]))).rejects.toBeInstanceOf(ShapeError);
    await expect(new ReLU().backward(Tensor.zeros([1]))).rejects.toBeInstanceOf(ModuleError);
    expect(() => new Conv2d(1, 1, 3, { groups: 2 })).toThrow(ConfigError);
    expect(() => new MaxPool2d(2, { padding: 2 })).toThrow(ConfigError);
    expect(() => new Dropout(1)).toThrow(ConfigError);
    await expect(new Conv2d(1, 1, 5, { seed: 1 }).forward(Tensor.zeros([1, 1, 3, 3]))).rejects.toThrow(/smaller than/);
    await expect(new Flatten(2).forward(Tensor.zeros([2, 3]))).rejects.toBeInstanceOf(ShapeError);
    await expect(new Linear(2, 2, { seed: 1 }).backward(Tensor.zeros([1, 2]))).rejects.toBeInstanceOf(ModuleError);
  });
});

describe('copies', () => {
  it('a copied Dropout draws the same masks from its own random source', async () => {
    const a = new Dropout(0.5, { seed: 4 });
    const b = await a.copy();
    const x = Tensor.fill([32], 1);
    const first = Array.from((await a.forward(x)).data);
    expect(Array.from((await b.forward(x)).data)).toEqual(first);
    expect(Array.from((await a.forward(x)).data)).not.toEqual(first);
  });
});
