import type { ComputeBackend, Tensor } from '@analogkit/core';
import { DataLoader, TensorDataset, type MnistData, type TensorBatch } from '@analogkit/nn';
import type { Progress } from '../report/progress.js';
import type { ExperimentOptions } from './experiment-record.js';
import { loadMnistSplits } from './mnist-splits.js';
import { secondsSince } from './run-context.js';
import { runtimeWithBackend } from './select-backend.js';

/** What an experiment starts from: its backend, the data, and a shuffling loader over the training images. */
export interface StartedExperiment {
  backend: ComputeBackend;
  train: MnistData;
  test: MnistData;
  loader: DataLoader<TensorBatch<Tensor>>;
  loadSeconds: number;
}

/**
 * Sets the backend (failing early when it does not start), announces the run with `headline`
 * and the backend, and loads the MNIST subsets.
 */
export async function startExperiment(options: ExperimentOptions, headline: string, progress: Progress): Promise<StartedExperiment> {
  const { backend } = await runtimeWithBackend(options.backend);
  progress.note(`${headline}: backend ${backend.device}, seed ${options.seed}`);
  const loadStart = performance.now();
  const { train, test } = await loadMnistSplits(options.trainSize, options.testSize);
  const loadSeconds = secondsSince(loadStart);
  progress.note(`MNIST: ${train.labels.size()} training and ${test.labels.size()} test images`);
  const loader = new DataLoader(new TensorDataset(train.images, train.labels), { batchSize: options.batchSize, shuffle: true, seed: options.seed });
  return { backend, train, test, loader, loadSeconds };
}
