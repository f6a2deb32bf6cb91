import type { Tensor } from '@analogkit/core';
import type { AnalogOptimizer, DataLoader, Loss, Module, TensorBatch } from '@analogkit/nn';
import { CliError } from '../cli-error.js';
import type { ProgressTask } from '../report/progress.js';
import { countCorrect } from './accuracy.js';

/** One epoch's training figures. */
export interface EpochStats {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Accuracy of the training forward passes during the epoch (running, with the training noise). */
  trainAccuracy: number;
  seconds: number;
}

/** Formats the running figures shown beside a progress bar. */
export function runningInfo(loss: number, accuracy: number): string {
  return `loss ${loss.toFixed(4)} acc ${(100 * accuracy).toFixed(1)}%`;
}

/** Trains `model` for one pass over `loader`, ticking `task` after every batch. */
export async function trainEpoch(
  epoch: number,
  model: Module,
  loader: DataLoader<TensorBatch<Tensor>>,
  optimizer: AnalogOptimizer,
  criterion: Loss,
  task: ProgressTask,
): Promise<EpochStats> {
  const start = performance.now();
  model.train();
  let lossSum = 0;
  let batches = 0;
  let correct = 0;
  let seen = 0;
  for (const { inputs, targets } of loader) {
    optimizer.zeroGrad();
    const logits = await model.forward(inputs);
    const loss = criterion.forward(logits, targets);
    if (!Number.isFinite(loss)) {
      task.finish(`loss ${loss}`);
      throw new CliError(`Training diverged in epoch ${epoch}, batch ${batches + 1}: the loss is ${loss}. Try a smaller --lr.`);
    }
    await model.backward(criterion.backward());
    await optimizer.step();
    lossSum += loss;
    batches += 1;
    correct += countCorrect(logits, targets.data);
    seen += targets.size();
    task.tick(runningInfo(lossSum / batches, correct / seen));
  }
  const stats = { epoch, loss: lossSum / batches, trainAccuracy: correct / seen, seconds: (performance.now() - start) / 1000 };
  task.finish(runningInfo(stats.loss, stats.trainAccuracy));
  return stats;
}
