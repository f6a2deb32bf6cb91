import type { RandomSource, TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import { LINEAR_STEP_HIDDEN_NAMES, type LinearStepSettings, linearStepRule, sampleLinearStepSlopes } from './linear-step-rule.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';
import { SoftBoundsDevice } from './soft-bounds-device.js';

/**
 * aihwkit's SoftBoundsDevice, a linear step with γ = 1 (no spread) relative to each device's own
 * bounds: `dwmin_up·(1 - w/max_bound_ij)` up, `dwmin_down·(1 - w/min_bound_ij)` down. Hidden
 * slopes as LinearStep. Weight granularity: dw_min.
 */
export class SoftBoundsDeviceModel extends PulsedDeviceModel<SoftBoundsDevice> {
  readonly kind = 'soft-bounds';
  readonly parameterClass = SoftBoundsDevice;
  protected override readonly ownHiddenNames = LINEAR_STEP_HIDDEN_NAMES;

  granularity(params: SoftBoundsDevice): number {
    return params.dw_min;
  }

  protected override sampleOwnHidden(params: SoftBoundsDevice, population: Population, _rows: number, _cols: number, rng: RandomSource) {
    return sampleLinearStepSlopes(softBoundsSettings(params), population, rng);
  }

  protected pulseRule(params: SoftBoundsDevice, state: TileState, rng: RandomSource): PulseRule {
    return linearStepRule(softBoundsSettings(params), state, rng);
  }
}

/** The linear-step settings aihwkit fixes for soft bounds. */
function softBoundsSettings(p: SoftBoundsDevice): LinearStepSettings {
  return {
    gamma_up: 1,
    gamma_down: 1,
    gamma_up_dtod: 0,
    gamma_down_dtod: 0,
    allow_increasing: false,
    mean_bound_reference: false,
    reverse_up: p.reverse_up,
    reverse_down: p.reverse_down,
    reverse_offset: p.reverse_offset,
    mult_noise: p.mult_noise,
    dw_min_std: p.dw_min_std,
    w_min: p.w_min,
    w_max: p.w_max,
  };
}
