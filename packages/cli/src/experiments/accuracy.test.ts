import { Tensor } from '@analogkit/core';
import { Linear, Sequential } from '@analogkit/nn';
import { describe, expect, it } from 'vitest';
import { countCorrect, evaluateAccuracy } from './accuracy.js';

describe('accuracy', () => {
  it('counts rows whose largest logit is at the label (first maximum on ties)', () => {
    const logits = Tensor.from([
      [0.1, 0.9, 0.0],
      [2.0, 1.0, 3.0],
      [0.5, 0.5, 0.1],
    ]);
    expect(countCorrect(logits, [1, 0, 0])).toBe(2);
  });

  it('evaluates in batches (the logits are the inputs here) and restores the training mode', async () => {
    const layer = new Linear(2, 2, { seed: 1 });
    layer.weight.assign([1, 0, 0, 1]);
    layer.bias!.assign([0, 0]);
    const model = new Sequential(layer);
    const images = Tensor.from([
      [1, 0],
      [0, 1],
      [0, 2],
      [3, 0],
      [1, 2],
    ]);
    const labels = Tensor.from([0, 1, 1, 0, 0]);
    model.train();
    expect(await evaluateAccuracy(model, { images, labels }, 2)).toBeCloseTo(4 / 5, 12);
    expect(model.training).toBe(true);
  });
});
