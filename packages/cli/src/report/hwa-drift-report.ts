import { WITH_COMPENSATION, type HwaDriftResult } from '../experiments/hwa-drift.js';
import { formatTable, percent, percentWithStd } from './text-table.js';

/** The closing report of `hwa-drift`: the accuracy table and the figures around it. */
export function hwaDriftReport(result: HwaDriftResult): string {
  const { drift, accuracy, timings, config } = result;
  const times = drift[0]?.points ?? [];
  const compensated = drift.find((s) => s.setting === WITH_COMPENSATION);
  const table = formatTable(
    ['time after programming', ...drift.map((s) => s.setting), ...(compensated ? ['compensation factor'] : [])],
    times.map((t, k) => [
      t.label,
      ...drift.map((s) => percentWithStd(s.points[k]!.mean, s.points[k]!.std)),
      ...(compensated ? [compensated.points[k]!.alpha.toFixed(3)] : []),
    ]),
  );
  return [
    `Test accuracy on ${config.testSize} MNIST images after programming to PCM (mean ± std over ${config.repeats} programmings):`,
    '',
    table,
    '',
    `digital (floating-point) accuracy of the same weights: ${percent(accuracy.digital)}`,
    `analog accuracy before programming: ${percent(accuracy.analogBeforeProgramming)}`,
    `training: ${config.epochs} epoch(s) of ${config.trainSize} images in ${timings.trainSeconds.toFixed(1)} s on ${result.backend.device}; ` +
      `evaluation ${timings.evaluationSeconds.toFixed(1)} s; total ${timings.totalSeconds.toFixed(1)} s`,
  ].join('\n');
}
