import { TileStateError } from '../../errors.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import type { RandomSource } from '../../random/random-source.js';
import { isPerfectIO } from './mvm-settings.js';

/**
 * The MVM quantities drawn once per tile and direction (aihwkit's `MVParameter`, read with
 * get_forward_parameters / get_backward_parameters). They live in the tile's `aux` under
 * `forward.<name>` / `backward.<name>`; "out" is the output of that direction (rows forward,
 * cols backward).
 */
export interface MvmParameters {
  /** `max(v_offset_std xi, 0)` per output (`v_offset`), when v_offset_std > 0 or r_series > 0. */
  readonly vOffset: Float32Array | null;
  /** `|out_nonlinearity / out_bound (1 + out_nonlinearity_std xi)|` per output (`out_nonlinearity`), when out_nonlinearity > 0 or r_series > 0. */
  readonly outNonlinearity: Float32Array | null;
  /** The slope-calibration factor f (`out_nonlinearity_factor`, 1 value); 1 without slope calibration. */
  readonly outNonlinearityFactor: number;
  /** `1 + w_read_asymmetry_dtod xi` per device, rows x cols (`w_asymmetry`), when w_read_asymmetry_dtod > 0. */
  readonly wAsymmetry: Float32Array | null;
  /** `|out_noise (1 + out_noise_std xi)|` per output (`out_noise_values`), when out_noise_std > 0. */
  readonly outNoiseValues: Float32Array | null;
}

/**
 * Draws the MVM quantities a tile with `io` needs for `direction` (in aihwkit's order: voltage
 * offsets, non-linearities, read asymmetries, output-noise strengths) and returns them keyed
 * `<direction>.<name>`, ready to go into `TileState.aux`. Perfect MVMs need none.
 */
export function drawMvmParameters(
  io: IOParameters,
  direction: MvmDirection,
  rows: number,
  cols: number,
  rng: RandomSource,
): Record<string, Float32Array> {
  const aux: Record<string, Float32Array> = {};
  ensureMvmParameters(aux, io, direction, rows, cols, rng);
  return aux;
}

/**
 * The MVM quantities of one direction from a tile's `aux`. A quantity the config needs but `aux`
 * lacks (a tile created with another config) is drawn now and stored in `aux`.
 */
export function ensureMvmParameters(
  aux: Record<string, Float32Array>,
  io: IOParameters,
  direction: MvmDirection,
  rows: number,
  cols: number,
  rng: RandomSource,
): MvmParameters {
  if (isPerfectIO(io)) return { vOffset: null, outNonlinearity: null, outNonlinearityFactor: 1, wAsymmetry: null, outNoiseValues: null };
  const prefix = `${direction}.`;
  const outSize = direction === 'forward' ? rows : cols;
  const refBound = io.out_bound > 0 && Number.isFinite(io.out_bound) ? io.out_bound : 1;

  let vOffset: Float32Array | null = null;
  if (io.v_offset_std > 0 || io.r_series > 0) {
    vOffset = stored(aux, prefix + 'v_offset', outSize);
    if (!vOffset) {
      vOffset = new Float32Array(outSize);
      if (io.v_offset_std > 0) for (let i = 0; i < outSize; i++) vOffset[i] = Math.max(io.v_offset_std * rng.normal(), 0);
      aux[prefix + 'v_offset'] = vOffset;
    }
  }

  let outNonlinearity: Float32Array | null = null;
  let outNonlinearityFactor = 1;
  if (io.out_nonlinearity > 0 || io.r_series > 0) {
    outNonlinearity = stored(aux, prefix + 'out_nonlinearity', outSize);
    let factor = stored(aux, prefix + 'out_nonlinearity_factor', 1);
    if (!outNonlinearity) {
      outNonlinearity = new Float32Array(outSize);
      const std = Math.max(io.out_nonlinearity_std, 0);
      for (let i = 0; i < outSize; i++) outNonlinearity[i] = Math.abs((io.out_nonlinearity / refBound) * (1 + std * rng.normal()));
      aux[prefix + 'out_nonlinearity'] = outNonlinearity;
      factor = null;
    }
    if (!factor) {
      factor = Float32Array.of(slopeCalibrationFactor(io, outNonlinearity, refBound));
      aux[prefix + 'out_nonlinearity_factor'] = factor;
    }
    outNonlinearityFactor = factor[0]!;
  }

  let wAsymmetry: Float32Array | null = null;
  if (io.w_read_asymmetry_dtod > 0) {
    wAsymmetry = stored(aux, prefix + 'w_asymmetry', rows * cols);
    if (!wAsymmetry) {
      wAsymmetry = new Float32Array(rows * cols);
      for (let k = 0; k < wAsymmetry.length; k++) wAsymmetry[k] = 1 + io.w_read_asymmetry_dtod * rng.normal();
      aux[prefix + 'w_asymmetry'] = wAsymmetry;
    }
  }

  let outNoiseValues: Float32Array | null = null;
  if (io.out_noise_std > 0) {
    outNoiseValues = stored(aux, prefix + 'out_noise_values', outSize);
    if (!outNoiseValues) {
      outNoiseValues = new Float32Array(outSize);
      for (let i = 0; i < outSize; i++) outNoiseValues[i] = Math.abs(io.out_noise * (1 + io.out_noise_std * rng.normal()));
      aux[prefix + 'out_noise_values'] = outNoiseValues;
    }
  }

  return { vOffset, outNonlinearity, outNonlinearityFactor, wAsymmetry, outNoiseValues };
}

/**
 * `f = (1 + (mean_i nl_i + r_series) slope_calibration out_bound)^2` when slope_calibration > 0
 * (the nl_i only count when out_nonlinearity > 0), else 1.
 */
function slopeCalibrationFactor(io: IOParameters, nl: Float32Array, refBound: number): number {
  if (!(io.slope_calibration > 0)) return 1;
  let sum = 0;
  if (io.out_nonlinearity > 0) for (let i = 0; i < nl.length; i++) sum += Math.abs(nl[i]!);
  const f = 1 + (sum / nl.length + Math.max(io.r_series, 0)) * io.slope_calibration * refBound;
  return f * f;
}

function stored(aux: Record<string, Float32Array>, key: string, length: number): Float32Array | null {
  const value = aux[key];
  if (!value) return null;
  if (value.length !== length) {
    throw new TileStateError(`Tile aux "${key}" has ${value.length} values but this tile needs ${length}; set it with the right size or remove it to redraw.`);
  }
  return value;
}
