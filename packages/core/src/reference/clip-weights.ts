import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import { ConfigError } from '../errors.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { WeightClipType } from '../parameters/enums.js';
import type { WeightClipParameter } from '../parameters/weight-clip-parameter.js';

/**
 * How the clip value of a weight matrix is found (aihwkit `WeightClipper::apply`): a fixed
 * `value` (<= 0 means no clipping), or a `statistic` of the weights times `factor`, capped at
 * `cap` when that is > 0 (see cappedClipValue).
 * - FIXED_VALUE: `fixed_value`;
 * - LAYER_GAUSSIAN: `sigma * std(W)` (unbiased), capped by `fixed_value`; no clipping below 2 weights;
 * - AVERAGE_CHANNEL_MAX: the mean over rows of each row's max |w|, capped likewise;
 * - NONE: no clipping.
 */
export type ClipRule =
  | { readonly value: number }
  | { readonly statistic: 'std' | 'mean-row-abs-max'; readonly factor: number; readonly cap: number };

/** The ClipRule of `clip` for a matrix of `size` weights in `rows` rows. */
export function clipRule(clip: WeightClipParameter, size: number, rows: number): ClipRule {
  switch (clip.type) {
    case WeightClipType.NONE:
      return { value: -1 };
    case WeightClipType.FIXED_VALUE:
      return { value: clip.fixed_value };
    case WeightClipType.LAYER_GAUSSIAN:
      return size < 2 ? { value: -1 } : { statistic: 'std', factor: clip.sigma, cap: clip.fixed_value };
    case WeightClipType.AVERAGE_CHANNEL_MAX:
      return rows === 0 ? { value: -1 } : { statistic: 'mean-row-abs-max', factor: 1, cap: clip.fixed_value };
    default:
      throw new ConfigError(`Unknown weight clip type ${String(clip.type)}.`, 'WeightClipParameter.type');
  }
}

/** The clip value of a statistic rule, given the value of its statistic. */
export function cappedClipValue(rule: { readonly factor: number; readonly cap: number }, statistic: number): number {
  const v = statistic * rule.factor;
  return rule.cap > 0 ? Math.min(v, rule.cap) : v;
}

/** The clip value of a weight matrix (see ClipRule); <= 0 means no clipping. */
export function clipValue(weights: Float32Array, rows: number, cols: number, clip: WeightClipParameter): number {
  const rule = clipRule(clip, weights.length, rows);
  if ('value' in rule) return rule.value;
  return cappedClipValue(rule, rule.statistic === 'std' ? unbiasedStd(weights) : meanRowAbsMax(weights, rows, cols));
}

function unbiasedStd(weights: Float32Array): number {
  const n = weights.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += weights[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (weights[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

function meanRowAbsMax(weights: Float32Array, rows: number, cols: number): number {
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let c = 0; c < cols; c++) m = Math.max(m, Math.abs(weights[r * cols + c]!));
    sum += m;
  }
  return sum / rows;
}

/**
 * Clips the tile weights to `±clipValue` (no-op when it is <= 0). The whole tile is clipped and
 * measured, analog-bias column included, as aihwkit's C++ and torch tiles do (their weight
 * matrices hold the bias column).
 */
export const clipWeightsReference: ReferenceKernel<'ClipWeights'> = {
  kernelName: 'ClipWeights',
  mutatesTile: true,
  run(state, _inputs, { clip }) {
    const tile = requireTileState(state, 'ClipWeights');
    const w = tile.weights;
    const v = clipValue(w, tile.rows, tile.cols, clip);
    if (!(v > 0)) return;
    for (let i = 0; i < w.length; i++) w[i] = Math.min(Math.max(w[i]!, -v), v);
  },
};
