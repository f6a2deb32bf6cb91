import type { RandomSource, TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import { PowStepDevice } from './pow-step-device.js';
import { drawPowStepGammas, POW_STEP_HIDDEN_NAMES, powStepRule } from './pow-step-rule.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';

/**
 * aihwkit's PowStepDevice: with R = max_bound - min_bound, up steps `dwmin_up·((max_bound - w)/R)^γ⁺_ij`
 * and down steps `dwmin_down·((w - min_bound)/R)^γ⁻_ij`, times `(1 + dw_min_std·ξ)`. Hidden:
 * `gamma_up`, `gamma_down`. Weight granularity: `dw_min·0.5^pow_gamma`.
 */
export class PowStepDeviceModel extends PulsedDeviceModel<PowStepDevice> {
  readonly kind = 'pow-step';
  readonly parameterClass = PowStepDevice;
  protected override readonly ownHiddenNames = POW_STEP_HIDDEN_NAMES;

  granularity(p: PowStepDevice): number {
    return p.dw_min * Math.pow(0.5, p.pow_gamma);
  }

  /** The exponents, row by row. */
  protected override sampleOwnHidden(p: PowStepDevice, population: Population, _rows: number, _cols: number, rng: RandomSource) {
    const size = population.max_bound.length;
    const gammaUp = new Float32Array(size);
    const gammaDown = new Float32Array(size);
    for (let k = 0; k < size; k++) drawPowStepGammas(p, rng, k, gammaUp, gammaDown);
    return { gamma_up: gammaUp, gamma_down: gammaDown };
  }

  protected pulseRule(p: PowStepDevice, state: TileState, rng: RandomSource): PulseRule {
    return powStepRule(p.dw_min_std, state, rng, null);
  }
}
