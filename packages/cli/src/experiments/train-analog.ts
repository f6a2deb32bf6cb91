import { AnalogSGD, CrossEntropyLoss } from '@analogkit/nn';
import type { Progress } from '../report/progress.js';
import { evaluateAccuracy } from './accuracy.js';
import { experimentRecord, type ExperimentOptions, type ExperimentRecord } from './experiment-record.js';
import { buildMlp } from './mlp.js';
import { pulsedRpuConfig, type TrainCompound, type TrainDevice } from './pulsed-config.js';
import { secondsSince } from './run-context.js';
import { startExperiment } from './start-experiment.js';
import { trainEpoch, type EpochStats } from './train-epoch.js';

export interface TrainOptions extends ExperimentOptions {
  device: TrainDevice;
  compound: TrainCompound;
}

export interface TrainEpochResult extends EpochStats {
  testAccuracy: number;
}

export interface TrainResult extends ExperimentRecord<'train', TrainOptions> {
  epochs: TrainEpochResult[];
}

/**
 * In-memory analog training of the 784-256-128-10 MLP on MNIST (aihwkit example 03): every
 * weight lives on pulsed devices and AnalogSGD updates them with stochastic pulse trains; the
 * test accuracy is measured after every epoch.
 */
export async function runTrain(options: TrainOptions, progress: Progress): Promise<TrainResult> {
  const start = performance.now();
  const rpuConfig = pulsedRpuConfig(options.device, options.compound);
  const headline = `analogkit train, device ${options.device}, compound ${options.compound}`;
  const { backend, test, loader, loadSeconds } = await startExperiment(options, headline, progress);

  const model = buildMlp(rpuConfig, options.seed);
  const optimizer = new AnalogSGD(model, { lr: options.lr });
  const criterion = new CrossEntropyLoss();
  const epochs: TrainEpochResult[] = [];
  let evaluationSeconds = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const stats = await trainEpoch(epoch, model, loader, optimizer, criterion, progress.begin(`epoch ${epoch}/${options.epochs}`, loader.length));
    const evaluationStart = performance.now();
    const testAccuracy = await evaluateAccuracy(model, test);
    evaluationSeconds += secondsSince(evaluationStart);
    progress.note(`epoch ${epoch}: test accuracy ${(100 * testAccuracy).toFixed(2)}%`);
    epochs.push({ ...stats, testAccuracy });
  }

  const epochSeconds = epochs.map((e) => e.seconds);
  const timings = { loadSeconds, trainSeconds: epochSeconds.reduce((a, b) => a + b, 0), epochSeconds, evaluationSeconds, totalSeconds: secondsSince(start) };
  return { ...experimentRecord('train', options, rpuConfig, backend, timings), epochs };
}
