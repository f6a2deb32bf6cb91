import { hiddenArray, pulsedStepArrays, type RandomSource, type TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import type { PulseRule } from './pulsed-device-model.js';

/** The settings of a linear step (LinearStepDevice's fields; SoftBounds fixes most of them). */
export interface LinearStepSettings {
  readonly gamma_up: number;
  readonly gamma_down: number;
  readonly gamma_up_dtod: number;
  readonly gamma_down_dtod: number;
  readonly allow_increasing: boolean;
  readonly mean_bound_reference: boolean;
  readonly reverse_up: boolean;
  readonly reverse_down: boolean;
  readonly reverse_offset: number;
  readonly mult_noise: boolean;
  readonly dw_min_std: number;
  readonly w_min: number;
  readonly w_max: number;
}

/** aihwkit's hidden names of the linear-step slopes. */
export const LINEAR_STEP_HIDDEN_NAMES = ['slope_up', 'slope_down'] as const;

/**
 * Draws the per-device slopes of a linear step (aihwkit `LinearStepRPUDevice::populate`), row by
 * row: `γ = γ_mean + γ_dtod·ξ` per direction (made positive unless `allow_increasing`), then
 * `slope_up = -γ⁺·dwmin_up/ref_up` and `slope_down = -γ⁻·dwmin_down/ref_down` (0 for a zero
 * reference). The references are the bounds (the mean ones with `mean_bound_reference`, else the
 * device's own); a reversed direction uses the opposite bound moved outwards by `reverse_offset`.
 */
export function sampleLinearStepSlopes(
  s: LinearStepSettings,
  population: Population,
  rng: RandomSource,
): Record<(typeof LINEAR_STEP_HIDDEN_NAMES)[number], Float32Array> {
  const { max_bound: max, min_bound: min, dwmin_up: up, dwmin_down: down } = population;
  const size = up.length;
  const slopeUp = new Float32Array(size);
  const slopeDown = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    let gammaUp = s.gamma_up + s.gamma_up_dtod * rng.normal();
    let gammaDown = s.gamma_down + s.gamma_down_dtod * rng.normal();
    if (!s.allow_increasing) {
      gammaUp = Math.abs(gammaUp);
      gammaDown = Math.abs(gammaDown);
    }
    const upper = s.mean_bound_reference ? s.w_max : max[k]!;
    const lower = s.mean_bound_reference ? s.w_min : min[k]!;
    const refUp = s.reverse_up ? lower - s.reverse_offset : upper;
    const refDown = s.reverse_down ? upper + s.reverse_offset : lower;
    slopeUp[k] = refUp !== 0 ? (-gammaUp * up[k]!) / refUp : 0;
    slopeDown[k] = refDown !== 0 ? (-gammaDown * down[k]!) / refDown : 0;
  }
  return { slope_up: slopeUp, slope_down: slopeDown };
}

/**
 * The linear-step pulse: up `w += (slope_up·w + dwmin_up)·(1 + σξ)`, down
 * `w -= (slope_down·w + dwmin_down)·(1 + σξ)`; with additive noise only the constant part is
 * noisy. Then clipped to the device bounds.
 */
export function linearStepRule(s: LinearStepSettings, state: TileState, rng: RandomSource): PulseRule {
  const { up, down, max, min } = pulsedStepArrays(state);
  const slopeUp = hiddenArray(state, 'slope_up');
  const slopeDown = hiddenArray(state, 'slope_down');
  const std = s.dw_min_std;
  const mult = s.mult_noise;
  return (w, k, direction) => {
    const noise = std > 0 ? std * rng.normal() : 0;
    const slope = direction > 0 ? slopeUp[k]! : slopeDown[k]!;
    const scale = direction > 0 ? up[k]! : down[k]!;
    const step = mult ? (slope * w + scale) * (1 + noise) : slope * w + scale * (1 + noise);
    const v = direction > 0 ? w + step : w - step;
    return Math.min(Math.max(v, min[k]!), max[k]!);
  };
}
