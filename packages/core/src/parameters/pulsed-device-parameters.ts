import { bool, int, nested, nonNeg, num, prob } from './field-spec.js';
import { DriftParameter } from './drift-parameter.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** The fields every pulsed device shares (aihwkit's `PulsedDevice`). */
export const pulsedDeviceFields = {
  construction_seed: int(0),
  corrupt_devices_prob: prob(),
  corrupt_devices_range: nonNeg(),
  diffusion: nonNeg(),
  diffusion_dtod: nonNeg(),
  drift: nested('DriftParameter'),
  dw_min: nonNeg(),
  dw_min_dtod: nonNeg(),
  dw_min_dtod_log_normal: bool(),
  dw_min_std: nonNeg(),
  enforce_consistency: bool(),
  lifetime: nonNeg(),
  lifetime_dtod: nonNeg(),
  perfect_bias: bool(),
  reset: num(),
  reset_dtod: nonNeg(),
  reset_std: nonNeg(),
  up_down: num(),
  up_down_dtod: nonNeg(),
  w_max: num(),
  w_max_dtod: nonNeg(),
  w_min: num(),
  w_min_dtod: nonNeg(),
  count_pulses: bool(),
};

/**
 * Base of the pulsed device parameter classes. Subclasses (one per device model) add their own
 * fields with `static fields = { ...pulsedDeviceFields, ... }`.
 */
export abstract class PulsedDeviceParameters extends ParameterBase {
  static override readonly className: string = 'PulsedDevice';
  construction_seed = 0;
  corrupt_devices_prob = 0.0;
  corrupt_devices_range = 0.1;
  diffusion = 0.0;
  diffusion_dtod = 0.0;
  drift: DriftParameter = new DriftParameter();
  dw_min = 0.001;
  dw_min_dtod = 0.3;
  dw_min_dtod_log_normal = false;
  dw_min_std = 0.3;
  enforce_consistency = true;
  lifetime = 0.0;
  lifetime_dtod = 0.0;
  perfect_bias = false;
  reset = 0.0;
  reset_dtod = 0.0;
  reset_std = 0.01;
  up_down = 0.0;
  up_down_dtod = 0.01;
  w_max = 0.6;
  w_max_dtod = 0.3;
  w_min = -0.6;
  w_min_dtod = 0.3;
  /** Counting of applied pulses (aihwkit: GPU only); kept for config compatibility. */
  count_pulses = false;
}

/** A pulsed device with a constant step (aihwkit's `ConstantStepDevice`). */
export class ConstantStepDevice extends PulsedDeviceParameters {
  static override readonly className: string = 'ConstantStepDevice';
  static override readonly fields = { ...pulsedDeviceFields };

  constructor(init?: ParameterInit<ConstantStepDevice>) {
    super();
    this.init(init);
  }
}
