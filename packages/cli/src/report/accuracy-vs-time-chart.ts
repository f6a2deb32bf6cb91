import type { TopLevelSpec } from 'vega-lite';
import type { DriftSeries } from '../experiments/drift-evaluation.js';

/** One point of a chart series: accuracies in percent, with the band mean ± std. */
interface ChartRow {
  setting: string;
  seconds: number;
  mean: number;
  lower: number;
  upper: number;
}

export const DIGITAL_SETTING = 'digital (floating point)';

/** A Vega-Lite expression that labels the axis ticks at the measured times with their names. */
function tickLabels(points: ReadonlyArray<{ seconds: number; label: string }>): string {
  return points.reduceRight((rest, p) => `datum.value == ${p.seconds} ? '${p.label.replace(/'/g, '')}' : ${rest}`, "''");
}

/**
 * The accuracy-vs-time chart of `hwa-drift`: time after programming on a log axis, the mean test
 * accuracy of each setting as a line with a band of ± one standard deviation, and the digital
 * accuracy as a flat reference line.
 */
export function accuracyVsTimeChart(series: readonly DriftSeries[], digital: number, title: string): TopLevelSpec {
  const points = series[0]?.points ?? [];
  const rows: ChartRow[] = [
    ...series.flatMap((s) =>
      s.points.map((p) => ({ setting: s.setting, seconds: p.seconds, mean: 100 * p.mean, lower: 100 * (p.mean - p.std), upper: 100 * (p.mean + p.std) })),
    ),
    ...points.map((p) => ({ setting: DIGITAL_SETTING, seconds: p.seconds, mean: 100 * digital, lower: 100 * digital, upper: 100 * digital })),
  ];
  const x = {
    field: 'seconds',
    type: 'quantitative' as const,
    scale: { type: 'log' as const },
    axis: { title: 'time after programming', values: points.map((p) => p.seconds), labelExpr: tickLabels(points), labelAngle: 0 },
  };
  const color = { field: 'setting', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 320,
    background: 'white',
    data: { values: rows },
    layer: [
      { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color } },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'test accuracy (%)', scale: { zero: false } }, color },
      },
    ],
  };
}
