import type { RandomSource, TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import { LinearStepDevice } from './linear-step-device.js';
import { LINEAR_STEP_HIDDEN_NAMES, linearStepRule, sampleLinearStepSlopes } from './linear-step-rule.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';

/**
 * aihwkit's LinearStepDevice: steps `dwmin_up·(1 - γ⁺_ij·w/w_max)` up and
 * `dwmin_down·(1 - γ⁻_ij·w/w_min)` down, kept in the hidden `slope_up` / `slope_down`
 * (`-γ·dwmin/reference`). Weight granularity: dw_min.
 */
export class LinearStepDeviceModel extends PulsedDeviceModel<LinearStepDevice> {
  readonly kind = 'linear-step';
  readonly parameterClass = LinearStepDevice;
  protected override readonly ownHiddenNames = LINEAR_STEP_HIDDEN_NAMES;

  granularity(params: LinearStepDevice): number {
    return params.dw_min;
  }

  protected override sampleOwnHidden(params: LinearStepDevice, population: Population, _rows: number, _cols: number, rng: RandomSource) {
    return sampleLinearStepSlopes(params, population, rng);
  }

  protected pulseRule(params: LinearStepDevice, state: TileState, rng: RandomSource): PulseRule {
    return linearStepRule(params, state, rng);
  }
}
