import { num, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/**
 * aihwkit's `ExpStepDevice`: with `z = 2a·w/(max_bound - min_bound) + b`, the up step is
 * `up·max(1 - A_up·exp(gamma_up·z), 0)` and the down step `down·max(1 - A_down·exp(-gamma_down·z), 0)`.
 */
export class ExpStepDevice extends WriteNoisePulsedDeviceParameters {
  static override readonly className: string = 'ExpStepDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    A_up: num(),
    A_down: num(),
    gamma_up: num(),
    gamma_down: num(),
    a: num(),
    b: num(),
    dw_min_std_add: num(),
    dw_min_std_slope: num(),
    ...writeNoiseFields,
  };

  A_up = 0.00081;
  A_down = 0.36833;
  gamma_up = 12.44625;
  gamma_down = 12.78785;
  /** Global slope of z. */
  a = 0.244;
  /** Global offset of z. */
  b = 0.2425;
  /** Additive part of the step noise `dw_min_std·(dw_min_std_add + |Δw| + dw_min_std_slope·|w|)`. */
  dw_min_std_add = 0.0;
  /** Weight-proportional part of that step noise. */
  dw_min_std_slope = 0.0;

  constructor(init?: ParameterInit<ExpStepDevice>) {
    super();
    this.init(init);
  }
}
