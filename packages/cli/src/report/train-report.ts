import type { TrainResult } from '../experiments/train-analog.js';
import { formatTable, percent } from './text-table.js';

/** The closing report of `train`: loss and accuracies per epoch. */
export function trainReport(result: TrainResult): string {
  const { config, timings } = result;
  const table = formatTable(
    ['epoch', 'loss', 'training accuracy', 'test accuracy', 'seconds'],
    result.epochs.map((e) => [String(e.epoch), e.loss.toFixed(4), percent(e.trainAccuracy), percent(e.testAccuracy), e.seconds.toFixed(1)]),
  );
  return [
    `Pulsed analog training, device ${config.device}, compound ${config.compound}, on ${config.trainSize} MNIST images (test: ${config.testSize}):`,
    '',
    table,
    '',
    `training ${timings.trainSeconds.toFixed(1)} s on ${result.backend.device}; evaluation ${timings.evaluationSeconds.toFixed(1)} s; total ${timings.totalSeconds.toFixed(1)} s`,
  ].join('\n');
}
