import { hiddenArray, pulsedStepArrays, type RandomSource, type TileState } from '@analogkit/core';
import type { PulseRule } from './pulsed-device-model.js';

/** The exponent settings of PowStepDevice and PowStepReferenceDevice. */
export interface PowStepSettings {
  readonly pow_gamma: number;
  readonly pow_gamma_dtod: number;
  readonly pow_up_down: number;
  readonly pow_up_down_dtod: number;
  readonly enforce_consistency: boolean;
}

/** aihwkit's hidden names of the PowStep exponents. */
export const POW_STEP_HIDDEN_NAMES = ['gamma_up', 'gamma_down'] as const;

/**
 * The exponents of one device (aihwkit `PowStepRPUDevice::populate`): `gain = 1 + pow_gamma_dtod·ξ`,
 * `r = pow_up_down_dtod·ξ`, `γ⁺ = (min(pow_up_down, 0) + gain + r)·pow_gamma`,
 * `γ⁻ = (-max(pow_up_down, 0) + gain - r)·pow_gamma`, made positive with enforce_consistency.
 */
export function drawPowStepGammas(s: PowStepSettings, rng: RandomSource, k: number, gammaUp: Float32Array, gammaDown: Float32Array): void {
  const upBias = s.pow_up_down > 0 ? 0 : s.pow_up_down;
  const downBias = s.pow_up_down > 0 ? -s.pow_up_down : 0;
  const gain = 1 + s.pow_gamma_dtod * rng.normal();
  const r = s.pow_up_down_dtod * rng.normal();
  const up = (upBias + gain + r) * s.pow_gamma;
  const down = (downBias + gain - r) * s.pow_gamma;
  gammaUp[k] = s.enforce_consistency ? Math.abs(up) : up;
  gammaDown[k] = s.enforce_consistency ? Math.abs(down) : down;
}

/** One noise-free PowStep step from `w`: `up·((max - w)/R)^γ⁺` or `-down·((w - min)/R)^γ⁻`, R = max - min > 0. */
export function powStepDelta(w: number, up: boolean, scale: number, gamma: number, min: number, max: number): number {
  const range = max - min;
  // Clamped at 0: outside the bounds (possible for reference devices) the power would be NaN.
  return up ? scale * Math.pow(Math.max((max - w) / range, 0), gamma) : -scale * Math.pow(Math.max((w - min) / range, 0), gamma);
}

/**
 * The PowStep pulse on `w + offset(k)` (0 for PowStep, the reference for PowStepReference): the
 * step of `powStepDelta` times `(1 + dw_min_std·ξ)`, clipped to the bounds and shifted back.
 * Devices with equal bounds do not move.
 */
export function powStepRule(dwMinStd: number, state: TileState, rng: RandomSource, offset: Float32Array | null): PulseRule {
  const { up, down, max, min } = pulsedStepArrays(state);
  const gammaUp = hiddenArray(state, 'gamma_up');
  const gammaDown = hiddenArray(state, 'gamma_down');
  return (w, k, direction) => {
    const hi = max[k]!;
    const lo = min[k]!;
    if (hi === lo) return w;
    const r = offset ? offset[k]! : 0;
    const isUp = direction > 0;
    const delta = powStepDelta(w + r, isUp, isUp ? up[k]! : down[k]!, isUp ? gammaUp[k]! : gammaDown[k]!, lo, hi);
    const v = w + r + (dwMinStd > 0 ? delta * (1 + dwMinStd * rng.normal()) : delta);
    return Math.min(Math.max(v, lo), hi) - r;
  };
}
