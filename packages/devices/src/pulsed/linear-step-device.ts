import { bool, ConfigError, nonNeg, num, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/**
 * aihwkit's `LinearStepDevice`: the step shrinks linearly with the weight,
 * `up·(1 - γ⁺_ij·w/w_max)` and `down·(1 - γ⁻_ij·w/w_min)` with `γ_ij = |γ + γ_dtod·ξ|` drawn once.
 */
export class LinearStepDevice extends WriteNoisePulsedDeviceParameters {
  static override readonly className: string = 'LinearStepDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    gamma_up: num(),
    gamma_down: num(),
    gamma_up_dtod: nonNeg(),
    gamma_down_dtod: nonNeg(),
    allow_increasing: bool(),
    mean_bound_reference: bool(),
    mult_noise: bool(),
    ...writeNoiseFields,
    reverse_up: bool(),
    reverse_down: bool(),
    reverse_offset: num(),
  };

  /** Relative decrease of the up step at w_max. */
  gamma_up = 0.0;
  /** Relative decrease of the down step at w_min. */
  gamma_down = 0.0;
  gamma_up_dtod = 0.05;
  gamma_down_dtod = 0.05;
  /** Whether steps may grow towards the bounds (else the drawn γ are made positive). */
  allow_increasing = false;
  /** Slopes relative to the mean bounds w_max / w_min (else to each device's own bounds). */
  mean_bound_reference = true;
  /** Cycle-to-cycle noise on the whole step (else only on its constant part). */
  mult_noise = true;
  /** Up steps grow with the weight instead of shrinking (needs mult_noise). */
  reverse_up = false;
  /** Down steps grow as the weight falls instead of shrinking (needs mult_noise). */
  reverse_down = false;
  /** Keeps reversed steps from reaching zero at the opposite bound. */
  reverse_offset = 0.01;

  constructor(init?: ParameterInit<LinearStepDevice>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    checkReverseNeedsMultNoise(this.className, this.reverse_up, this.reverse_down, this.mult_noise);
  }
}

/** Reversed steps are only defined with multiplicative cycle-to-cycle noise (as in aihwkit). */
export function checkReverseNeedsMultNoise(className: string, reverseUp: boolean, reverseDown: boolean, multNoise: boolean): void {
  if ((reverseUp || reverseDown) && !multNoise) {
    throw new ConfigError(
      `${className}: reverse_up / reverse_down need multiplicative noise; set mult_noise to true or switch the reverse steps off.`,
      `${className}.mult_noise`,
    );
  }
}
