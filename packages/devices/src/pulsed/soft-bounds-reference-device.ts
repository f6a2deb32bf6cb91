import { bool, nonNeg, num, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/**
 * aihwkit's `SoftBoundsReferenceDevice`: soft bounds applied to `w + r`, where the reference
 * `r = reference_mean + reference_std·ξ` (plus the device's symmetry point when
 * `subtract_symmetry_point`) is drawn once; `slope_*_dtod` vary the slopes, i.e. the bounds.
 */
export class SoftBoundsReferenceDevice extends WriteNoisePulsedDeviceParameters {
  static override readonly className: string = 'SoftBoundsReferenceDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    mult_noise: bool(),
    ...writeNoiseFields,
    slope_up_dtod: nonNeg(),
    slope_down_dtod: nonNeg(),
    reference_mean: num(),
    reference_std: nonNeg(),
    subtract_symmetry_point: bool(),
  };

  /** Cycle-to-cycle noise on the whole step (else only on its constant part). */
  mult_noise = false;
  /** Device-to-device variation of the up slope `up/max_bound` (relative). */
  slope_up_dtod = 0.0;
  /** Device-to-device variation of the down slope `down/min_bound` (relative). */
  slope_down_dtod = 0.0;
  /** Mean of the reference r. */
  reference_mean = 0.0;
  /** Device-to-device spread of the reference r. */
  reference_std = 0.0;
  /** Whether each device's symmetry point is added to its reference (and reset bias). */
  subtract_symmetry_point = false;

  constructor(init?: ParameterInit<SoftBoundsReferenceDevice>) {
    super();
    this.init(init);
  }
}
