import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import { ConfigError, ShapeError } from '../errors.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { WeightRemapType } from '../parameters/enums.js';
import type { WeightRemapParameter } from '../parameters/weight-remap-parameter.js';

/**
 * Remaps the weights (rows * cols, in place) into `±remapped_wmax` and returns the per-row
 * scales that keep `scale_i * w_ij` unchanged (aihwkit `WeightRemapper::apply`):
 * - LAYERWISE_SYMMETRIC: one factor `max|W| / remapped_wmax` (nothing when W is 0);
 * - CHANNELWISE_SYMMETRIC: per row `max|W_i| / remapped_wmax` (1 for a zero row); with
 *   `max_scale_range > 0` each new scale is capped at `min_scale * max_scale_range`, where
 *   `min_scale` is the smallest old scale (at least `max_scale_ref` when that is set), and the
 *   row is rescaled by old/new scale (remapped_wmax must then be 1);
 * - NONE: weights and scales unchanged.
 * The analog-bias column belongs to its row and is remapped with it.
 */
export function remapWeights(
  weights: Float32Array,
  rows: number,
  cols: number,
  scales: Float32Array,
  remap: WeightRemapParameter,
): Float32Array {
  if (scales.length !== rows) {
    throw new ShapeError(`Remap needs one scale per output row: got ${scales.length} scales for ${rows} rows.`);
  }
  const out = scales.slice();
  switch (remap.type) {
    case WeightRemapType.NONE:
      return out;
    case WeightRemapType.LAYERWISE_SYMMETRIC: {
      let amax = 0;
      for (let i = 0; i < weights.length; i++) amax = Math.max(amax, Math.abs(weights[i]!));
      amax /= remap.remapped_wmax;
      if (amax > 0) {
        for (let r = 0; r < rows; r++) out[r] = out[r]! * amax;
        for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / amax;
      }
      return out;
    }
    case WeightRemapType.CHANNELWISE_SYMMETRIC: {
      const rowMax = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        let m = 0;
        for (let c = 0; c < cols; c++) m = Math.max(m, Math.abs(weights[r * cols + c]!));
        rowMax[r] = m;
      }
      if (remap.max_scale_range <= 0) {
        for (let r = 0; r < rows; r++) {
          const m = rowMax[r]! / remap.remapped_wmax;
          const f = m > 0 ? m : 1;
          out[r] = out[r]! * f;
          for (let c = 0; c < cols; c++) weights[r * cols + c] = weights[r * cols + c]! / f;
        }
        return out;
      }
      if (remap.remapped_wmax !== 1) {
        throw new ConfigError(
          'WeightRemapParameter.max_scale_range > 0 needs remapped_wmax = 1 (as in aihwkit).',
          'WeightRemapParameter.remapped_wmax',
        );
      }
      let minScale = Infinity;
      for (let r = 0; r < rows; r++) minScale = Math.min(minScale, scales[r]!);
      minScale = Math.max(minScale, 0);
      if (minScale > 0 && remap.max_scale_ref > 0) minScale = Math.max(minScale, remap.max_scale_ref);
      for (let r = 0; r < rows; r++) {
        const old = scales[r]!;
        let s = rowMax[r]! > 0 ? rowMax[r]! * old : old;
        if (minScale > 0 && s / minScale > remap.max_scale_range) s = minScale * remap.max_scale_range;
        out[r] = s;
        if (s === 0) continue;
        for (let c = 0; c < cols; c++) weights[r * cols + c] = (weights[r * cols + c]! * old) / out[r]!;
      }
      return out;
    }
    default:
      throw new ConfigError(`Unknown weight remap type ${String(remap.type)}.`, 'WeightRemapParameter.type');
  }
}

/** Remaps the tile weights; returns the new per-row scales (the input scales are not changed). */
export const remapWeightsReference: ReferenceKernel<'RemapWeights'> = {
  kernelName: 'RemapWeights',
  mutatesTile: true,
  run(state, { scales }, { remap }) {
    const tile = requireTileState(state, 'RemapWeights');
    return remapWeights(tile.weights, tile.rows, tile.cols, scales, remap);
  },
};
