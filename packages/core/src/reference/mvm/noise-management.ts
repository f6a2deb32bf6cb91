import { TileStateError } from '../../errors.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { NoiseManagementType } from '../../parameters/enums.js';
import { absMax } from '../abs-max.js';
import type { MvmSettings } from './mvm-settings.js';

/** The AVERAGE_ABS_MAX running value of a tile (one per tile, shared by forward and backward). */
export const AVG_ABS_MAX_KEY = 'nm.avg_abs_max';

/**
 * The tile's AVERAGE_ABS_MAX running value, created (as -1: "not started") when missing. Like
 * aihwkit's `aux_nm_value_`, a negative value means the next sample starts the average.
 */
export function avgAbsMaxState(aux: Record<string, Float32Array>): Float32Array {
  let value = aux[AVG_ABS_MAX_KEY];
  if (!value) {
    value = Float32Array.of(-1);
    aux[AVG_ABS_MAX_KEY] = value;
  }
  if (value.length !== 1) throw new TileStateError(`Tile aux "${AVG_ABS_MAX_KEY}" must hold 1 value, it holds ${value.length}.`);
  return value;
}

/**
 * The noise-management value alpha of one input vector `x[off .. off+n)` (the input is divided by
 * alpha before the DAC and the output multiplied by it). AVERAGE_ABS_MAX reads and updates
 * `avg` (see avgAbsMaxState); the other types leave it alone. `knownAbsMax` is max |x| when the
 * caller has it already. Result in float32.
 */
export function noiseManagementScale(
  type: NoiseManagementType,
  x: Float32Array,
  off: number,
  n: number,
  s: MvmSettings,
  avg: Float32Array | null,
  knownAbsMax?: number,
): number {
  switch (type) {
    case NoiseManagementType.NONE:
      return 1;
    case NoiseManagementType.ABS_MAX: {
      const amax = knownAbsMax ?? absMax(x, off, n);
      return s.nmThres > 0 ? Math.min(amax, s.nmThres) : amax;
    }
    case NoiseManagementType.MAX: {
      let max = x[off]!;
      for (let j = 1; j < n; j++) if (x[off + j]! > max) max = x[off + j]!;
      return s.nmThres > 0 ? Math.min(max, s.nmThres) : max;
    }
    case NoiseManagementType.CONSTANT:
      return s.nmThres > 0 ? s.nmThres : 1;
    case NoiseManagementType.AVERAGE_ABS_MAX: {
      if (!avg) throw new TileStateError('AVERAGE_ABS_MAX noise management needs the tile running value (avgAbsMaxState).');
      const amax = knownAbsMax ?? absMax(x, off, n);
      const prev = avg[0]!;
      avg[0] = prev < 0 ? amax : Math.fround(prev * Math.fround(1 - s.nmDecay)) + Math.fround(s.nmDecay * amax);
      return avg[0]!;
    }
    case NoiseManagementType.ABS_MAX_NP_SUM:
      return npSumScale(x, off, n, s);
    default:
      throw new TileStateError(`Unknown noise management type ${String(type)}.`);
  }
}

/** The noise-management values of a batch and the samples an MVM computes. */
export interface NoiseManagedBatch {
  /** Noise-management value alpha of each sample. */
  readonly alpha: Float64Array;
  /** The samples to compute, in the first `count` entries. */
  readonly samples: Int32Array;
  readonly count: number;
}

/**
 * Noise management of an MVM input (batch x `s.inSize`), sample by sample: AVERAGE_ABS_MAX
 * updates the tile's running value in `aux` in sample order. A sample whose alpha is <= 0 under
 * noise management has a zero output anyway (forward only when there is no input noise) and is
 * left out of the samples to compute. `rowAbsMax` holds each sample's max |x| when the caller has
 * computed it already (the ABS_MAX types then do not scan the input again).
 */
export function noiseManageBatch(
  s: MvmSettings,
  direction: MvmDirection,
  aux: Record<string, Float32Array>,
  input: Float32Array,
  batch: number,
  rowAbsMax?: Float32Array,
): NoiseManagedBatch {
  const inSize = s.inSize;
  const nm = s.nm !== NoiseManagementType.NONE;
  const avg = s.nm === NoiseManagementType.AVERAGE_ABS_MAX ? avgAbsMaxState(aux) : null;
  const alpha = new Float64Array(batch);
  const samples = new Int32Array(batch);
  let count = 0;
  for (let k = 0; k < batch; k++) {
    alpha[k] = noiseManagementScale(s.nm, input, k * inSize, inSize, s, avg, rowAbsMax?.[k]);
    const zero = nm && alpha[k]! <= 0 && (direction === 'backward' || s.inpNoise <= 0);
    if (!zero) samples[count++] = k;
  }
  return { alpha, samples, count };
}

/**
 * ABS_MAX_NP_SUM: `max(amax, min(amax * max_bm_res / inp_step, max(sum x+, -sum x-) * nm_assumed_wmax / out_bound))`
 * (amax capped at nm_thres when > 0; out_bound 1 when infinite; no first term of the min without
 * input quantisation). Also the second round of ITERATIVE_WORST_CASE bound management.
 */
export function npSumScale(x: Float32Array, off: number, n: number, s: MvmSettings): number {
  let amax = 0;
  let psum = 0;
  let nsum = 0;
  for (let j = 0; j < n; j++) {
    const v = x[off + j]!;
    if (v > 0) psum += v;
    else nsum += v;
    const a = Math.abs(v);
    if (a > amax) amax = a;
  }
  if (s.nmThres > 0) amax = Math.min(amax, s.nmThres);
  const bound = Number.isFinite(s.outBound) ? s.outBound : 1;
  let np = Math.fround((Math.max(psum, -nsum) * s.nmAssumedWmax) / bound);
  if (s.inpStep > 0) np = Math.min(Math.fround((amax / s.inpStep) * s.maxBmRes), np);
  return Math.max(amax, np);
}
