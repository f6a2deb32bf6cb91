import { AnalogSGD, convertToDigital, CrossEntropyLoss } from '@analogkit/nn';
import type { InferenceTime } from '../options/durations.js';
import type { Progress } from '../report/progress.js';
import { evaluateAccuracy } from './accuracy.js';
import { evaluateDrift, type DriftSeries } from './drift-evaluation.js';
import { experimentRecord, type ExperimentOptions, type ExperimentRecord } from './experiment-record.js';
import { hwaRpuConfig, withoutDriftCompensation, type HwaPreset } from './hwa-config.js';
import { buildMlp } from './mlp.js';
import { secondsSince } from './run-context.js';
import { startExperiment } from './start-experiment.js';
import { trainEpoch, type EpochStats } from './train-epoch.js';

export interface HwaDriftOptions extends ExperimentOptions {
  preset: HwaPreset;
  momentum: number;
  repeats: number;
  times: InferenceTime[];
}

export const WITH_COMPENSATION = 'with drift compensation';
export const WITHOUT_COMPENSATION = 'without drift compensation';

export interface HwaDriftResult extends ExperimentRecord<'hwa-drift', HwaDriftOptions> {
  training: EpochStats[];
  /** Test accuracy of the trained weights in floating point, and on the analog tiles before programming. */
  accuracy: { digital: number; analogBeforeProgramming: number };
  /** Test accuracy after programming to PCM, per time, with and without drift compensation. */
  drift: DriftSeries[];
}

/**
 * aihwkit's hardware-aware training and PCM drift study on MNIST: trains the 784-256-128-10 MLP
 * with an InferenceRPUConfig, then programs its weights to PCM `repeats` times and measures the
 * test accuracy at each time, with and without global drift compensation, beside the
 * floating-point accuracy of the same weights.
 */
export async function runHwaDrift(options: HwaDriftOptions, progress: Progress): Promise<HwaDriftResult> {
  const start = performance.now();
  const { backend, test, loader, loadSeconds } = await startExperiment(options, `analogkit hwa-drift, preset ${options.preset}`, progress);

  const rpuConfig = hwaRpuConfig(options.preset);
  const model = buildMlp(rpuConfig, options.seed);
  const optimizer = new AnalogSGD(model, { lr: options.lr, momentum: options.momentum });
  const criterion = new CrossEntropyLoss();
  const training: EpochStats[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    training.push(await trainEpoch(epoch, model, loader, optimizer, criterion, progress.begin(`epoch ${epoch}/${options.epochs}`, loader.length)));
  }

  const evaluationStart = performance.now();
  model.eval();
  const digital = await evaluateAccuracy(await convertToDigital(model), test);
  const analogBeforeProgramming = await evaluateAccuracy(model, test);
  progress.note(`test accuracy: digital ${(100 * digital).toFixed(2)}%, analog before programming ${(100 * analogBeforeProgramming).toFixed(2)}%`);
  const uncompensated = buildMlp(withoutDriftCompensation(rpuConfig), options.seed);
  await uncompensated.loadStateDict(await model.stateDict(), { loadRpuConfig: false });
  const subjects = [
    { setting: WITH_COMPENSATION, model },
    { setting: WITHOUT_COMPENSATION, model: uncompensated },
  ];
  const drift = await evaluateDrift(
    subjects,
    test,
    options.times,
    options.repeats,
    progress.begin('PCM drift', options.repeats * subjects.length * options.times.length),
  );

  const epochSeconds = training.map((e) => e.seconds);
  const timings = {
    loadSeconds,
    trainSeconds: epochSeconds.reduce((a, b) => a + b, 0),
    epochSeconds,
    evaluationSeconds: secondsSince(evaluationStart),
    totalSeconds: secondsSince(start),
  };
  return { ...experimentRecord('hwa-drift', options, rpuConfig, backend, timings), training, accuracy: { digital, analogBeforeProgramming }, drift };
}
