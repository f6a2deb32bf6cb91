import type { TileState } from '../../backends/tile-state.js';
import { ConfigError } from '../../errors.js';
import { DriftParameter, type SimpleDriftParameter } from '../../parameters/drift-parameter.js';
import type { RandomSource } from '../../random/random-source.js';
import { hiddenArray } from '../pulsed-device-population.js';
import { clipToBounds, deviceBounds, type DeviceBounds } from './tile-arrays.js';

/**
 * Keys of the drift state in `TileState.aux` (aihwkit `WeightDrifter`'s `current_t`, `t`, `w0`,
 * `previous_weights`). The clock is float32 like aihwkit's float build: increments below about
 * `6e-8 * t` are lost.
 */
export const DRIFT_AUX = {
  /** The global clock in units of t_0, Float32Array(1). */
  t: 'drift.t',
  /** Per element: the clock value at the element's last (re)programming. */
  tij: 'drift.t_ij',
  /** Per element: the weight at the element's last (re)programming. */
  w0: 'drift.w0',
  /** Per element: the weight the last drift call left behind. */
  prev: 'drift.prev',
} as const;

/** What a device contributes to drift: per-device exponents and bounds (both optional). */
export interface DriftDevice {
  /** Per-device nu (`nu + nu_dtod nu xi`, drawn at population); the scalar `drift.nu` when absent. */
  readonly nu?: Float32Array;
  /** Weights and stored previous weights are clipped to these after each call. */
  readonly bounds?: DeviceBounds;
}

/**
 * Power-law drift (aihwkit `WeightDrifter::apply`). The global clock advances by `deltaT/t_0`;
 * the first call stores w0 and prev with every element's clock at 0. Per element:
 * - if `|w - prev| > reset_tol` the weight was written since the last call: its clock restarts
 *   (`t_ij = t`, `w0 = w`) and it does not drift this call;
 * - otherwise `nu_ij (+ nu_std nu_ij xi) - nu_k ln((w - w_offset)/wg_ratio + g_offset) + nu_k log_g0`
 *   gives the exponent, `s = max(t - t_ij, 1)^-nu` and `w = w0 s + a (s - 1)` with
 *   `a = g_offset wg_ratio + w_offset` (0 when |a| < reset_tol).
 * Then `w_noise_std xi` is added, prev is stored, and both are clipped to the bounds if given.
 * Nothing happens unless `drift.nu > 0`.
 */
export function applyDrift(
  state: TileState,
  drift: DriftParameter | SimpleDriftParameter,
  deltaT: number,
  rng: RandomSource,
  device: DriftDevice = {},
): void {
  if (!Number.isFinite(deltaT) || deltaT < 0) {
    throw new ConfigError(`Drift time step must be a finite number >= 0, got ${deltaT}.`, 'deltaT');
  }
  if (!(drift.nu > 0)) return;
  const w = state.weights;
  const n = w.length;
  const { t, tij, w0, prev } = advanceDriftClock(state, drift, deltaT);
  const { nuStd, nuK, wOffset, wgRatio, gOffset, logG0, noiseStd, offset: a } = driftCoefficients(drift);
  const resetTol = drift.reset_tol;

  for (let i = 0; i < n; i++) {
    let v = w[i]!;
    if (Math.abs(prev[i]! - v) > resetTol) {
      tij[i] = t;
      w0[i] = v;
    } else {
      let nu = device.nu ? device.nu[i]! : drift.nu;
      if (nuStd > 0) nu += nuStd * nu * rng.normal();
      if (nuK !== 0) nu += -nuK * Math.log((v - wOffset) / wgRatio + gOffset) + nuK * logG0;
      const s = Math.pow(Math.max(t - tij[i]!, 1), -nu);
      v = w0[i]! * s + a * (s - 1);
    }
    if (noiseStd > 0) v += noiseStd * rng.normal();
    w[i] = v;
    prev[i] = w[i]!;
  }

  const bounds = device.bounds;
  if (bounds) {
    for (let i = 0; i < n; i++) {
      w[i] = clipToBounds(w[i]!, bounds, i);
      prev[i] = clipToBounds(prev[i]!, bounds, i);
    }
  }
}

/** The drift arrays of a tile (see DRIFT_AUX). */
export interface DriftArrays {
  readonly clock: Float32Array;
  readonly tij: Float32Array;
  readonly w0: Float32Array;
  readonly prev: Float32Array;
}

/**
 * Advances the drift clock of a tile by `deltaT/t_0` (float32) and returns its drift arrays with
 * the new time `t`; the arrays are created in `state.aux` (clock 0, w0 = prev = w) on first use.
 */
export function advanceDriftClock(state: TileState, drift: DriftParameter | SimpleDriftParameter, deltaT: number): DriftArrays & { t: number } {
  const arrays = driftArrays(state);
  arrays.clock[0] = arrays.clock[0]! + Math.fround(deltaT / drift.t_0);
  return { ...arrays, t: arrays.clock[0]! };
}

function driftArrays(state: TileState): DriftArrays {
  const n = state.weights.length;
  const aux = state.aux;
  const complete =
    aux[DRIFT_AUX.t]?.length === 1 &&
    aux[DRIFT_AUX.tij]?.length === n &&
    aux[DRIFT_AUX.w0]?.length === n &&
    aux[DRIFT_AUX.prev]?.length === n;
  if (!complete) {
    aux[DRIFT_AUX.t] = new Float32Array(1);
    aux[DRIFT_AUX.tij] = new Float32Array(n);
    aux[DRIFT_AUX.w0] = state.weights.slice();
    aux[DRIFT_AUX.prev] = state.weights.slice();
  }
  return { clock: aux[DRIFT_AUX.t]!, tij: aux[DRIFT_AUX.tij]!, w0: aux[DRIFT_AUX.w0]!, prev: aux[DRIFT_AUX.prev]! };
}

/** The constants of the drift formula (see applyDrift); a SimpleDriftParameter has only nu, t_0 and reset_tol. */
export interface DriftCoefficients {
  readonly nuStd: number;
  readonly nuK: number;
  readonly wOffset: number;
  readonly wgRatio: number;
  readonly gOffset: number;
  readonly logG0: number;
  readonly noiseStd: number;
  /** `a = g_offset wg_ratio + w_offset`, 0 when |a| < reset_tol. */
  readonly offset: number;
}

export function driftCoefficients(drift: DriftParameter | SimpleDriftParameter): DriftCoefficients {
  const full = drift instanceof DriftParameter ? drift : undefined;
  const wOffset = full?.w_offset ?? 0;
  const wgRatio = full?.wg_ratio ?? 1;
  const gOffset = full?.g_offset ?? 0;
  let offset = gOffset * wgRatio + wOffset;
  if (Math.abs(offset) < drift.reset_tol) offset = 0;
  return {
    nuStd: full?.nu_std ?? 0,
    nuK: full?.nu_k ?? 0,
    wOffset,
    wgRatio,
    gOffset,
    logG0: full?.log_g0 ?? 0,
    noiseStd: full?.w_noise_std ?? 0,
    offset,
  };
}

/**
 * Default drift of a pulsed device (aihwkit `PulsedRPUDevice::driftWeights`): per-device
 * exponents from the hidden array `drift_nu` when the tile has it (else the scalar nu), weights
 * clipped to the device bounds.
 */
export function defaultDrift(drift: DriftParameter | SimpleDriftParameter, state: TileState, deltaT: number, rng: RandomSource): void {
  if (!(drift.nu > 0)) return;
  const bounds = deviceBounds(state);
  if (state.hidden['drift_nu']) applyDrift(state, drift, deltaT, rng, { nu: hiddenArray(state, 'drift_nu'), bounds });
  else applyDrift(state, drift, deltaT, rng, { bounds });
}
