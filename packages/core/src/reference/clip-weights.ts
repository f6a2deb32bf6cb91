import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import { ConfigError } from '../errors.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { WeightClipType } from '../parameters/enums.js';
import type { WeightClipParameter } from '../parameters/weight-clip-parameter.js';

/**
 * The clip value of a weight matrix (aihwkit `WeightClipper::apply`); <= 0 means no clipping.
 * - FIXED_VALUE: `fixed_value`;
 * - LAYER_GAUSSIAN: `sigma * std(W)` (unbiased), capped by `fixed_value` when that is > 0;
 * - AVERAGE_CHANNEL_MAX: the mean over rows of each row's max |w|, capped likewise;
 * - NONE: no clipping.
 */
export function clipValue(weights: Float32Array, rows: number, cols: number, clip: WeightClipParameter): number {
  const cap = (v: number): number => (clip.fixed_value > 0 ? Math.min(v, clip.fixed_value) : v);
  switch (clip.type) {
    case WeightClipType.NONE:
      return -1;
    case WeightClipType.FIXED_VALUE:
      return clip.fixed_value;
    case WeightClipType.LAYER_GAUSSIAN: {
      const n = weights.length;
      if (n < 2) return -1;
      let mean = 0;
      for (let i = 0; i < n; i++) mean += weights[i]!;
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (weights[i]! - mean) ** 2;
      return cap(Math.sqrt(ss / (n - 1)) * clip.sigma);
    }
    case WeightClipType.AVERAGE_CHANNEL_MAX: {
      if (rows === 0) return -1;
      let sum = 0;
      for (let r = 0; r < rows; r++) {
        let m = 0;
        for (let c = 0; c < cols; c++) m = Math.max(m, Math.abs(weights[r * cols + c]!));
        sum += m;
      }
      return cap(sum / rows);
    }
    default:
      throw new ConfigError(`Unknown weight clip type ${String(clip.type)}.`, 'WeightClipParameter.type');
  }
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
