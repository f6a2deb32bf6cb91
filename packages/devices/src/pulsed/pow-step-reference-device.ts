import { bool, nonNeg, num, type ParameterInit, PulsedDeviceParameters, pulsedDeviceFields } from '@analogkit/core';
import { powStepFields } from './pow-step-device.js';

/**
 * aihwkit's `PowStepReferenceDevice`: the PowStep rule applied to `w + r`, with the reference
 * `r = reference_mean + reference_std·ξ` (plus the numerically estimated symmetry point when
 * `subtract_symmetry_point`) drawn once per device. No write noise.
 */
export class PowStepReferenceDevice extends PulsedDeviceParameters {
  static override readonly className: string = 'PowStepReferenceDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    ...powStepFields,
    subtract_symmetry_point: bool(),
    n_estimation_steps: num({ integer: true }),
    reference_mean: num(),
    reference_std: nonNeg(),
  };

  /** Mean exponent γ. */
  pow_gamma = 1.0;
  /** Device-to-device variation of γ (relative). */
  pow_gamma_dtod = 0.1;
  /** Up/down bias of γ. */
  pow_up_down = 0.0;
  /** Device-to-device variation of that bias (in units of γ). */
  pow_up_down_dtod = 0.0;
  /** Whether each device's symmetry point is added to its reference (and reset bias). */
  subtract_symmetry_point = false;
  /** Up/down pulse pairs for the symmetry-point estimate; <= 0: 10x the device's states, at most 10000. */
  n_estimation_steps = -1;
  /** Mean of the reference r. */
  reference_mean = 0.0;
  /** Device-to-device spread of the reference r. */
  reference_std = 0.0;

  constructor(init?: ParameterInit<PowStepReferenceDevice>) {
    super();
    this.init(init);
  }
}
