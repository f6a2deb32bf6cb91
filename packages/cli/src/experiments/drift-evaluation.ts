import { InferenceTile } from '@analogkit/core';
import { programAnalogWeights, driftAnalogWeights, type MnistData, type Module } from '@analogkit/nn';
import type { InferenceTime } from '../options/durations.js';
import type { ProgressTask } from '../report/progress.js';
import { evaluateAccuracy } from './accuracy.js';
import { meanAndStd } from './statistics.js';

/** Test accuracy at one time after programming, over the repetitions. */
export interface DriftPoint {
  label: string;
  seconds: number;
  mean: number;
  std: number;
  /** One accuracy per repetition (each a fresh programming of the same weights). */
  values: number[];
  /** Mean drift-compensation factor over the tiles and repetitions (1 without compensation). */
  alpha: number;
}

/** The accuracy-vs-time curve of one setting. */
export interface DriftSeries {
  setting: string;
  points: DriftPoint[];
}

/** A model to program and drift, and the name of its curve. */
export interface DriftSubject {
  setting: string;
  model: Module;
}

/** The mean output scale of the drift compensation over all inference tiles of `model`. */
function meanDriftAlpha(model: Module): number {
  const alphas = model
    .analogTiles()
    .filter((tile): tile is InferenceTile => tile instanceof InferenceTile)
    .flatMap((tile) => [...tile.getDriftAlpha()]);
  return meanAndStd(alphas).mean;
}

/**
 * Programs each subject's weights `repeats` times (fresh programming noise and drift exponents
 * each time) and, after each programming, drifts them to every time and measures the test
 * accuracy. Ticks `task` once per accuracy measured.
 */
export async function evaluateDrift(
  subjects: readonly DriftSubject[],
  test: MnistData,
  times: readonly InferenceTime[],
  repeats: number,
  task: ProgressTask,
): Promise<DriftSeries[]> {
  const values = subjects.map(() => times.map((): number[] => []));
  const alphas = subjects.map(() => times.map((): number[] => []));
  for (let r = 0; r < repeats; r++) {
    for (const [s, { setting, model }] of subjects.entries()) {
      model.eval();
      await programAnalogWeights(model);
      for (const [k, time] of times.entries()) {
        await driftAnalogWeights(model, time.seconds);
        const accuracy = await evaluateAccuracy(model, test);
        values[s]![k]!.push(accuracy);
        alphas[s]![k]!.push(meanDriftAlpha(model));
        task.tick(`run ${r + 1}/${repeats} ${setting} t=${time.label}: ${(100 * accuracy).toFixed(2)}%`);
      }
    }
  }
  task.finish();
  return subjects.map(({ setting }, s) => ({
    setting,
    points: times.map((time, k) => ({ ...time, ...meanAndStd(values[s]![k]!), values: values[s]![k]!, alpha: meanAndStd(alphas[s]![k]!).mean })),
  }));
}
