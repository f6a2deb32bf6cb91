import type { TopLevelSpec } from 'vega-lite';
import type { TrainEpochResult } from '../experiments/train-analog.js';

export const TEST_SERIES = 'test accuracy';
export const TRAIN_SERIES = 'training accuracy (running)';

/** The chart of `train`: test accuracy after each epoch and the running training accuracy during it. */
export function accuracyPerEpochChart(epochs: readonly TrainEpochResult[], title: string): TopLevelSpec {
  const rows = epochs.flatMap((e) => [
    { series: TEST_SERIES, epoch: e.epoch, accuracy: 100 * e.testAccuracy },
    { series: TRAIN_SERIES, epoch: e.epoch, accuracy: 100 * e.trainAccuracy },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 300,
    background: 'white',
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { title: 'epoch', tickMinStep: 1, format: 'd' } },
      y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 0 } },
    },
  };
}
