import { bool, nonNeg, PulsedDeviceParameters } from '@analogkit/core';

/** The write-noise fields of the pulsed devices that support it (aihwkit names and defaults). */
export const writeNoiseFields = {
  write_noise_std: nonNeg(),
  apply_write_noise_on_set: bool(),
};

/**
 * Base of the pulsed devices with write noise. With `write_noise_std > 0` the device keeps a
 * hidden persistent weight that the pulses change; the visible weight is the persistent one
 * plus `write_noise_std·dw_min·ξ`, redrawn whenever the device is touched.
 */
export abstract class WriteNoisePulsedDeviceParameters extends PulsedDeviceParameters {
  /** Write noise in units of dw_min; 0 switches the persistent weight off. */
  write_noise_std = 0.0;
  /** Whether `setWeights` adds write noise to the visible weights (else visible = persistent). */
  apply_write_noise_on_set = true;
}
