import { nonNeg, num, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/** The exponent fields shared by PowStepDevice and PowStepReferenceDevice. */
export const powStepFields = {
  pow_gamma: num(),
  pow_gamma_dtod: nonNeg(),
  pow_up_down: num(),
  pow_up_down_dtod: nonNeg(),
};

/**
 * aihwkit's `PowStepDevice`: with R = max_bound - min_bound, the up step is
 * `up·((max_bound - w)/R)^γ⁺_ij` and the down step `down·((w - min_bound)/R)^γ⁻_ij`, the exponents
 * `(1 ± r + bias ± pow_gamma_dtod·ξ)·pow_gamma` drawn once per device.
 */
export class PowStepDevice extends WriteNoisePulsedDeviceParameters {
  static override readonly className: string = 'PowStepDevice';
  static override readonly fields = { ...pulsedDeviceFields, ...powStepFields, ...writeNoiseFields };

  /** Mean exponent γ. */
  pow_gamma = 1.0;
  /** Device-to-device variation of γ (relative). */
  pow_gamma_dtod = 0.1;
  /** Up/down bias of γ: `γ⁺ = γ(1 + β)`, `γ⁻ = γ(1 - β)`. */
  pow_up_down = 0.0;
  /** Device-to-device variation of that bias (in units of γ). */
  pow_up_down_dtod = 0.0;

  constructor(init?: ParameterInit<PowStepDevice>) {
    super();
    this.init(init);
  }
}
