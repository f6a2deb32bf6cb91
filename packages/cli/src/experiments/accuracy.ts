import { Tensor } from '@analogkit/core';
import type { MnistData, Module } from '@analogkit/nn';

/** How many rows of `logits` [n, classes] have their largest value at the row's label. */
export function countCorrect(logits: Tensor, labels: ArrayLike<number>): number {
  const [n, classes] = logits.shape as [number, number];
  const values = logits.data;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (values[i * classes + k]! > values[i * classes + best]!) best = k;
    if (best === labels[i]) correct += 1;
  }
  return correct;
}

/**
 * Test accuracy of `model` in evaluation mode (analog outputs with their noise and drift
 * compensation), in batches of `batchSize` images (flat or not); the model's mode is restored afterwards.
 */
export async function evaluateAccuracy(model: Module, data: MnistData, batchSize = 1000): Promise<number> {
  const wasTraining = model.training;
  model.eval();
  try {
    const n = data.images.shape[0] ?? 0;
    const example = data.images.shape.slice(1);
    const size = example.reduce((a, b) => a * b, 1);
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const images = new Tensor(data.images.data.subarray(start * size, (start + count) * size), [count, ...example]);
      correct += countCorrect(await model.forward(images), data.labels.data.subarray(start, start + count));
    }
    return n === 0 ? 0 : correct / n;
  } finally {
    model.train(wasTraining);
  }
}
