import type { Tensor } from '@analogkit/core';
import { DataLoader, loadMnist, TensorDataset, type AnalogOptimizer, type Loss, type MnistData, type Module, type TensorBatch } from '@analogkit/nn';

/** MNIST subsets: the first `train` training and `test` test images, flat [n, 784] or as [n, 1, 28, 28] images. */
export async function loadMnistSubsets(train: number, test: number, flatten: boolean): Promise<{ train: MnistData; test: MnistData }> {
  return {
    train: await loadMnist({ split: 'train', limit: train, flatten }),
    test: await loadMnist({ split: 'test', limit: test, flatten }),
  };
}

/** A shuffling loader over a dataset's images and labels. */
export function batches(data: MnistData, batchSize: number, seed: number): DataLoader<TensorBatch<Tensor>> {
  return new DataLoader(new TensorDataset(data.images, data.labels), { batchSize, shuffle: true, seed });
}

/** One epoch of mini-batch training; returns the mean loss over the batches. */
export async function trainEpoch(model: Module, loader: DataLoader<TensorBatch<Tensor>>, optimizer: AnalogOptimizer, criterion: Loss): Promise<number> {
  model.train();
  let total = 0;
  for (const { inputs, targets } of loader) {
    optimizer.zeroGrad();
    total += criterion.forward(await model.forward(inputs), targets);
    await model.backward(criterion.backward());
    await optimizer.step();
  }
  return total / loader.length;
}
