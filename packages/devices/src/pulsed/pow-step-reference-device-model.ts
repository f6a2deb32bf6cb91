import { hiddenArray, type RandomSource, type TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import { PowStepReferenceDevice } from './pow-step-reference-device.js';
import { drawPowStepGammas, POW_STEP_HIDDEN_NAMES, powStepDelta, powStepRule } from './pow-step-rule.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';

/** The most up/down pulse pairs of the symmetry-point estimate (aihwkit's cap). */
const MAX_ESTIMATION_STEPS = 10000;

/**
 * aihwkit's PowStepReferenceDevice: the PowStep rule on `w + reference_ij`, clipped to the bounds
 * and shifted back. Hidden: `gamma_up`, `gamma_down`, `reference`. No write noise. Weight
 * granularity: `dw_min·0.5^pow_gamma`.
 */
export class PowStepReferenceDeviceModel extends PulsedDeviceModel<PowStepReferenceDevice> {
  readonly kind = 'pow-step-reference';
  readonly parameterClass = PowStepReferenceDevice;
  protected override readonly ownHiddenNames = [...POW_STEP_HIDDEN_NAMES, 'reference'];

  granularity(p: PowStepReferenceDevice): number {
    return p.dw_min * Math.pow(0.5, p.pow_gamma);
  }

  /**
   * Row by row: the exponents, then `reference = reference_mean + reference_std·ξ`. With
   * `subtract_symmetry_point` (and `max_bound > 0 > min_bound`) the symmetry point is estimated
   * by alternating noise-free up and down steps from 0, `n_estimation_steps` times (when <= 0:
   * 10 x range/min(step), at most 10000), and added to the reference and the reset bias.
   */
  protected override sampleOwnHidden(p: PowStepReferenceDevice, population: Population, _rows: number, _cols: number, rng: RandomSource) {
    const { max_bound: max, min_bound: min, dwmin_up: up, dwmin_down: down, reset_bias: resetBias } = population;
    const size = max.length;
    const gammaUp = new Float32Array(size);
    const gammaDown = new Float32Array(size);
    const reference = new Float32Array(size);
    for (let k = 0; k < size; k++) {
      drawPowStepGammas(p, rng, k, gammaUp, gammaDown);
      reference[k] = p.reference_mean + p.reference_std * rng.normal();
      if (p.subtract_symmetry_point && max[k]! > 0 && min[k]! < 0) {
        const steps = estimationSteps(p.n_estimation_steps, max[k]! - min[k]!, up[k]!, down[k]!);
        let sp = 0;
        for (let n = 0; n < steps; n++) {
          sp +=
            powStepDelta(sp, false, down[k]!, gammaDown[k]!, min[k]!, max[k]!) + powStepDelta(sp, true, up[k]!, gammaUp[k]!, min[k]!, max[k]!);
        }
        reference[k] = reference[k]! + sp;
        resetBias[k] = resetBias[k]! + sp;
      }
    }
    return { gamma_up: gammaUp, gamma_down: gammaDown, reference };
  }

  protected pulseRule(p: PowStepReferenceDevice, state: TileState, rng: RandomSource): PulseRule {
    return powStepRule(p.dw_min_std, state, rng, hiddenArray(state, 'reference'));
  }
}

function estimationSteps(requested: number, range: number, up: number, down: number): number {
  if (requested > 0) return requested;
  const smallest = Math.min(Math.abs(up), Math.abs(down));
  return smallest > 0 ? Math.min(Math.round((10 * range) / smallest), MAX_ESTIMATION_STEPS) : MAX_ESTIMATION_STEPS;
}
