import { loadMnist, type MnistData } from '@analogkit/nn';

export interface MnistSplits {
  train: MnistData;
  test: MnistData;
}

/** The first `trainSize` training and `testSize` test images of MNIST, flattened to [n, 784] and normalised. */
export async function loadMnistSplits(trainSize: number, testSize: number): Promise<MnistSplits> {
  const [train, test] = await Promise.all([
    loadMnist({ split: 'train', limit: trainSize, flatten: true }),
    loadMnist({ split: 'test', limit: testSize, flatten: true }),
  ]);
  return { train, test };
}
