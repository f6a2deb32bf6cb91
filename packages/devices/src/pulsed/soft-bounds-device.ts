import { bool, num, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { checkReverseNeedsMultNoise } from './linear-step-device.js';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/** The soft-bounds fields after the pulsed-device ones (aihwkit's `SoftBoundsDevice`). */
export const softBoundsFields = {
  mult_noise: bool(),
  ...writeNoiseFields,
  reverse_up: bool(),
  reverse_down: bool(),
  reverse_offset: num(),
};

/** Base of the soft-bounds parameter classes (`SoftBoundsDevice`, `SoftBoundsPmaxDevice`). */
export abstract class SoftBoundsParameters extends WriteNoisePulsedDeviceParameters {
  /** Cycle-to-cycle noise on the whole step (else only on its constant part). */
  mult_noise = true;
  /** Up steps grow with the weight instead of shrinking (needs mult_noise). */
  reverse_up = false;
  /** Down steps grow as the weight falls instead of shrinking (needs mult_noise). */
  reverse_down = false;
  /** Keeps reversed steps from reaching zero at the opposite bound. */
  reverse_offset = 0.01;

  protected override validateCrossFields(): void {
    checkReverseNeedsMultNoise(this.className, this.reverse_up, this.reverse_down, this.mult_noise);
  }
}

/**
 * aihwkit's `SoftBoundsDevice`: a linear step that reaches zero at each device's own bounds,
 * `up·(1 - w/max_bound_ij)` and `down·(1 - w/min_bound_ij)`.
 */
export class SoftBoundsDevice extends SoftBoundsParameters {
  static override readonly className: string = 'SoftBoundsDevice';
  static override readonly fields = { ...pulsedDeviceFields, ...softBoundsFields };

  constructor(init?: ParameterInit<SoftBoundsDevice>) {
    super();
    this.init(init);
  }
}
