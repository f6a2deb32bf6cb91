import {
  batchSampleTrainScales,
  lineImplicitProbability,
  lineMeanCount,
  lineProbability,
  probabilityStep,
  type RandomSource,
  type UpdateParameters,
} from '@analogkit/core';

/**
 * The per-sample line values of a pulsed update batch, computed on the host like the reference
 * (update management per sample, then each line's probability): `lengths[s]` is the pulse-train
 * length BL of sample s (0: skipped), `x` (batch x cols) and `d` (batch x rows) the signed
 * per-line values the kernels consume.
 */
export interface UpdateLines {
  lengths: Float32Array;
  /** The longest train of the batch. */
  slots: number;
  x: Float32Array;
  d: Float32Array;
}

interface LineSource {
  x: Float32Array;
  d: Float32Array;
  batch: number;
  rows: number;
  cols: number;
  update: UpdateParameters;
  lr: number;
  granularity: number;
  rng: RandomSource;
}

type LineRule = (value: number, scale: number, bl: number) => number;

function buildLines(src: LineSource, xRule: LineRule, dRule: LineRule): UpdateLines {
  const { batch, rows, cols, update } = src;
  const lengths = new Float32Array(batch);
  const x = new Float32Array(batch * cols);
  const d = new Float32Array(batch * rows);
  let slots = 1;
  for (let s = 0; s < batch; s++) {
    const scales = batchSampleTrainScales(update, src.lr, src.granularity, src.x, src.d, s, rows, cols);
    lengths[s] = scales.bl;
    if (scales.bl === 0) continue;
    slots = Math.max(slots, scales.bl);
    for (let j = 0; j < cols; j++) x[s * cols + j] = xRule(src.x[s * cols + j]!, scales.b, scales.bl);
    for (let i = 0; i < rows; i++) d[s * rows + i] = dRule(src.d[s * rows + i]!, scales.a, scales.bl);
  }
  return { lengths, slots, x, d };
}

/** STOCHASTIC(_COMPRESSED): signed firing probabilities (reference `makeStochasticBitLines`). */
export function stochasticLines(src: LineSource): UpdateLines {
  const step = probabilityStep(src.update.res);
  const rule: LineRule = (v, scale) => {
    const p = lineProbability(v, scale, step, src.update.sto_round, src.rng);
    return v > 0 ? p : v < 0 ? -p : 0;
  };
  return buildLines(src, rule, rule);
}

/**
 * MEAN_COUNT: x holds each x line's signed expected pulse count, d the row factor `n_i / BL` of
 * each d line (reference `makeMeanCountCoincidences`); device (i, j) gets rint(d_i x_j) pulses.
 */
export function meanCountLines(src: LineSource): UpdateLines {
  const step = probabilityStep(src.update.res);
  const count = (v: number, scale: number, bl: number): number => lineMeanCount(v, scale, bl, step, src.update.sto_round, src.rng);
  return buildLines(src, count, (v, scale, bl) => {
    const n = count(v, scale, bl);
    return n === 0 ? 0 : Math.fround(n / bl);
  });
}

/**
 * DETERMINISTIC_IMPLICIT: x holds each line's signed probability quantised to x_res_implicit, d
 * the row factor `BL q_i` with q quantised to d_res_implicit (reference
 * `makeDeterministicImplicitCoincidences`); device (i, j) gets rint(d_i x_j) pulses.
 */
export function deterministicImplicitLines(src: LineSource): UpdateLines {
  const xStep = probabilityStep(src.update.x_res_implicit);
  const dStep = probabilityStep(src.update.d_res_implicit);
  const implicit = (v: number, scale: number, step: number): number => lineImplicitProbability(v, scale, step, src.update.sto_round, src.rng);
  return buildLines(
    src,
    (v, scale) => implicit(v, scale, xStep),
    (v, scale, bl) => {
      const q = implicit(v, scale, dStep);
      return q === 0 ? 0 : Math.fround(q * bl);
    },
  );
}
